import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJudgments } from '../../src/judge/judgments-store.js';
import { isAutomaticJudge, judgeEntries, judgeProblem, judgeRef, registerJudge, type JudgeEntry } from '../../src/judge/registry.js';
import { judgeRun } from '../../src/judge/run-judging.js';
import { loadCases } from '../validate/support.js';
import { writeRunFixture } from '../helpers/run-fixture.js';

describe('the judge registry', () => {
  it('has people by name and the LLM judge for any provider id', () => {
    expect(judgeEntries().map((e) => [e.name, e.describe.automatic])).toEqual([
      ['human', false],
      ['llm', true],
    ]);
    expect(judgeRef('human').entry.name).toBe('human');
    expect(judgeRef('openai:gpt-4o').entry.name).toBe('llm');
    expect(isAutomaticJudge('anthropic:claude-sonnet-4-5')).toBe(true);
    expect(isAutomaticJudge('human')).toBe(false);
  });

  it('says what is wrong with a judge before any output is paid for', () => {
    expect(judgeProblem('human')).toBeUndefined();
    expect(judgeProblem('openai:gpt-4o')).toBeUndefined();
    expect(judgeProblem('humna')).toBe('"humna" is not "human" or a provider id like "openai:gpt-4o" (did you mean "human"?)');
    expect(judgeProblem('opneai:gpt-4o')).toMatch(/^unknown provider "opneai:" in "opneai:gpt-4o" \(did you mean "openai"\?\); use "human" or one of human, openai:, /);
  });
});

// A judge added without touching any other file: a file with its entry, and one line (here, a call).
describe('a judge registered at runtime', () => {
  const firstWins: JudgeEntry = {
    name: 'first-wins',
    describe: { automatic: true },
    load: async () => async (value) => ({
      id: value,
      missingCredential: () => undefined,
      judgePair: async (pair) => ({ caseId: pair.case.id, repeat: pair.repeat, a: pair.a, b: pair.b, judge: value, winner: 'a', at: new Date().toISOString() }),
    }),
  };
  const panel: JudgeEntry = { name: 'panel', describe: { automatic: false } };
  const removals: Array<() => void> = [];
  beforeAll(() => removals.push(registerJudge(firstWins), registerJudge(panel)));
  afterAll(() => removals.forEach((remove) => remove()));

  it('is accepted by the suite loader and offered for typos', async () => {
    const project = (judge: string) =>
      loadCases('input,current_behavior\nhi,hello\n', {
        systems: ['a: { provider: "column:current_behavior" }', 'b: { provider: "column:current_behavior" }'],
        checks: ['{ type: contains, value: "hello" }'],
        extra: [`compare: [{ a: a, b: b, judge: ${judge} }]`],
      });
    expect((await project('first-wins')).comparisons[0].judge).toBe('first-wins');
    await expect(project('first-wnis')).rejects.toThrow(/is not "human" or "first-wins" or "panel" or a provider id like "openai:gpt-4o" \(did you mean "first-wins"\?\)/);
  });

  it('judges a stored run when automatic, and leaves it to people otherwise', async () => {
    const { runDir } = writeRunFixture({
      cases: [{ id: 'c1' }, { id: 'c2' }],
      outputs: { a: { c1: 'one', c2: 'two' }, b: { c1: 'uno', c2: 'dos' } },
      compare: [
        { a: 'a', b: 'b', judge: 'first-wins' },
        { a: 'b', b: 'a', judge: 'panel' },
      ],
    });
    const outcome = await judgeRun(runDir, { env: {} });
    expect(outcome.judged).toBe(2);
    expect((await readJudgments(runDir)).map((r) => [r.judge, r.a, r.winner])).toEqual([
      ['first-wins', 'a', 'a'],
      ['first-wins', 'a', 'a'],
    ]);
  });

  it('cannot take a name another judge has', () => {
    expect(() => registerJudge({ ...panel, name: 'human' })).toThrow(/already registered/);
    expect(() => registerJudge({ ...panel, name: 'llm' })).toThrow(/already registered/);
  });
});
