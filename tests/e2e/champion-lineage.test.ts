import { appendFileSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeModelServer, type FakeBrain, type FakeModelServer, type FakeRequest } from '../helpers/fake-model-server.js';
import { cleanEnv, copyFixtureProject, runCli } from '../helpers/cli.js';
import { responses, verdict } from '../judge/judge-brains.js';
import { wilsonInterval } from '../../src/stats/wilson.js';

// Three generations of a model on the toy suite, each a different model name on the fake server:
// run, promote, the next candidate judged against the champion's saved outputs, and the lineage.
// The judge's verdicts are planted per case and generation, so the lineage must show exactly the win
// rates they imply, and the champion's model must never be asked again.

const INPUTS: Record<string, string> = {
  t01: 'Write a 2,000-word essay',
  t02: 'What is the capital of Peru?',
  t03: 'Draft a cover letter',
  t04: 'thanks!',
  t05: 'Refactor this 300-line',
  t06: 'How many ounces in a pound?',
  t07: 'Write a short story',
  t08: "Translate 'good morning'",
  t09: 'Create a project plan',
  t10: 'Is it going to rain tomorrow?',
  t11: 'What time is it in Lima?',
};

/** The case a request is about, from the conversation it carries. */
function caseOf(request: FakeRequest): string {
  const text = request.messages.map((m) => m.content).join('\n');
  const found = Object.entries(INPUTS).find(([, input]) => text.includes(input));
  if (!found) throw new Error(`no known case in ${text.slice(0, 200)}`);
  return found[0];
}

/** The systems: prompted opens the canvas for "write"/"draft" only; gen1 and gen2 get it right; gen3 opens it for everything. */
function answer(model: string, caseId: string) {
  const input = INPUTS[caseId];
  const canvas = model === 'fake-prompted' ? /write|draft/i.test(input) : model === 'fake-gen3' ? true : /write|draft|refactor|create/i.test(input);
  return { text: `[${model}] ok`, toolCalls: canvas ? [{ name: 'canvas', arguments: { type: 'document' } }] : [] };
}

/** Planted verdicts, from the newer model's side: gen1 beats prompted; gen2 beats gen1 on 8 cases, loses t09, ties t10; gen3 and gen2 split 5–5. */
function newerWins(newer: string, older: string, caseId: string): 'newer' | 'older' | 'tie' {
  if (newer === 'fake-gen2' && older === 'fake-gen1') return caseId === 't09' ? 'older' : caseId === 't10' ? 'tie' : 'newer';
  if (newer === 'fake-gen3' && older === 'fake-gen2') return ['t01', 't02', 't03', 't04', 't05'].includes(caseId) ? 'newer' : 'older';
  return 'newer';
}

const GENERATION = (model: string) => (model === 'fake-prompted' ? 0 : Number(model.slice('fake-gen'.length)));

const brain: FakeBrain = (request) => {
  if (request.model === 'fake-broken') return { status: 500 };
  if (request.model !== 'fake-judge') return answer(request.model, caseOf(request));
  const { a, b } = responses(request);
  const modelA = /\[(fake-[\w-]+)\]/.exec(a)![1];
  const modelB = /\[(fake-[\w-]+)\]/.exec(b)![1];
  const aIsNewer = GENERATION(modelA) > GENERATION(modelB);
  const outcome = aIsNewer ? newerWins(modelA, modelB, caseOf(request)) : newerWins(modelB, modelA, caseOf(request));
  if (outcome === 'tie') return verdict('tie', 'Equally good.');
  return verdict((outcome === 'newer') === aIsNewer ? 'A' : 'B', 'Planted.');
};

const SUITE = `name: toy
dataset: datasets/toy.csv
labels: [should_trigger]
systems:
  current: { provider: "column:current_behavior" }
  prompted: { provider: "openai:fake-prompted", prompt: prompts/system.md, tools: tools/canvas.json, temperature: 0 }
  candidate: { provider: "openai:fake-gen1", prompt: prompts/system.md, tools: tools/canvas.json, temperature: 0 }
checks:
  - { type: tool-called, tool: canvas, expect: "{{should_trigger}}" }
compare:
  - { a: candidate, b: prompted, judge: "openai:fake-judge" }
  - { a: candidate, b: champion, judge: "openai:fake-judge" }
gate: { max_regressions: null, min_win_rate_vs_champion: 0.6, win_rate_bound: point }
`;

function project(): string {
  const dir = copyFixtureProject('toy');
  writeFileSync(path.join(dir, 'suites', 'toy.yaml'), SUITE);
  return dir;
}

function latestRun(dir: string): string {
  const runs = readdirSync(path.join(dir, 'reports', 'toy'))
    .filter((n) => /^\d{8}-/.test(n))
    .sort();
  return runs[runs.length - 1];
}

describe('champions and lineage', () => {
  let server: FakeModelServer;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    server = await startFakeModelServer(brain);
    env = cleanEnv({ OPENAI_BASE_URL: server.openaiBaseUrl, OPENAI_API_KEY: 'sk-test' });
  });
  afterAll(() => server.close());

  const generation = async (dir: string, model: string) => {
    const from = server.requests.length;
    const run = await runCli(['run', 'toy', '--no-cache', '--set', `candidate.provider=openai:${model}`], { cwd: dir, env });
    return { run, models: new Set(server.requests.slice(from).map((r) => r.model)), runId: latestRun(dir) };
  };

  it('three generations: each promoted, each judged against the champion without calling its model, the lineage shows the planted win rates', async () => {
    const dir = project();
    expect((await runCli(['validate', 'toy'], { cwd: dir, env })).code).toBe(0);

    // Generation 1: no champion yet, so that comparison is skipped with a line saying so.
    const first = await generation(dir, 'fake-gen1');
    expect(first.run.code, first.run.stdout + first.run.stderr).toBe(0);
    expect(first.run.stdout).toContain('candidate vs champion: not judged: no champion yet (reports/toy/champion.jsonl)');
    expect(first.run.stdout).toContain('min_win_rate_vs_champion was not checked');
    const promoted1 = await runCli(['promote', first.runId, '--system', 'candidate', '--label', 'gen 1'], { cwd: dir, env });
    expect(promoted1.code, promoted1.stderr).toBe(0);
    expect(promoted1.stdout).toContain('toy: generation 1: candidate (gen 1), openai:fake-gen1');
    expect((await runCli(['lineage', 'toy'], { cwd: dir, env })).stdout).toContain('toy: 1 generation\n');
    const champion = readFileSync(path.join(dir, 'reports', 'toy', 'champion.jsonl'), 'utf8')
      .trim()
      .split('\n');
    expect(champion).toHaveLength(11);
    expect(JSON.parse(champion[0])).toMatchObject({ system: 'candidate', label: 'gen 1', runId: first.runId, identity: { provider: 'openai:fake-gen1', model: 'fake-gen1' } });
    expect(JSON.parse(champion[0]).identity.promptHash).toMatch(/^[0-9a-f]{16}$/);
    expect(champion.slice(1).map((line) => JSON.parse(line).case)).toEqual(['t01', 't02', 't03', 't04', 't05', 't06', 't07', 't08', 't09', 't10']);

    // Generation 2: judged against gen 1's saved outputs; fake-gen1 is never asked.
    const second = await generation(dir, 'fake-gen2');
    expect(second.run.code, second.run.stdout + second.run.stderr).toBe(0);
    expect([...second.models].sort()).toEqual(['fake-gen2', 'fake-judge', 'fake-prompted']);
    expect(second.run.stdout).toMatch(/gate passed \(.*candidate vs champion.*\): .*min_win_rate_vs_champion 60\.0% \(point estimate\)/);
    expect((await runCli(['promote', second.runId, '--system', 'candidate', '--label', 'gen 2'], { cwd: dir, env })).code).toBe(0);

    // A case added after the promotion is "not in champion": shown, never a loss or a tie.
    appendFileSync(path.join(dir, 'datasets', 'toy.csv'), 't11,What time is it in Lima?,no,It is noon.,question\n');
    const third = await generation(dir, 'fake-gen3');
    expect([...third.models].sort()).toEqual(['fake-gen3', 'fake-judge', 'fake-prompted']);
    expect(third.run.stdout).toContain('candidate vs champion: 1 case not in champion (added since its promotion: t11): not judged, neither losses nor ties');
    // gen 3 splits 5–5 with gen 2: below min_win_rate_vs_champion.
    expect(third.run.code).toBe(1);
    expect(third.run.stdout).toContain('gate failed: toy: candidate vs champion (min_win_rate_vs_champion): win rate 50.0% is below the minimum 60.0% (win_rate_bound: point)');
    expect((await runCli(['promote', third.runId, '--system', 'candidate', '--label', 'gen 3'], { cwd: dir, env })).code).toBe(0);

    const again = await runCli(['promote', third.runId, '--system', 'candidate'], { cwd: dir, env });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`candidate of run ${third.runId} is already the champion of toy`);

    const lineage = await runCli(['lineage', 'toy', '--json'], { cwd: dir, env });
    expect(lineage.code).toBe(0);
    const view = JSON.parse(lineage.stdout) as {
      steps: Array<{ generation: number; system: string; label?: string; passRate: number; winRateVsPrevious?: { rate: number; low: number; high: number; n: number } }>;
      warnings: string[];
    };
    expect(view.steps.map((s) => [s.generation, s.label ?? s.system])).toEqual([
      [0, 'prompted'],
      [1, 'gen 1'],
      [2, 'gen 2'],
      [3, 'gen 3'],
    ]);
    const planted = [wilsonInterval(10, 10), wilsonInterval(8.5, 10), wilsonInterval(5, 10)];
    view.steps.slice(1).forEach((step, i) => {
      expect(step.winRateVsPrevious).toMatchObject({ rate: planted[i].estimate, n: 10 });
      expect(step.winRateVsPrevious!.low).toBeCloseTo(planted[i].low, 10);
      expect(step.winRateVsPrevious!.high).toBeCloseTo(planted[i].high, 10);
    });
    [9 / 11, 1, 1, 5 / 11].forEach((rate, i) => expect(view.steps[i].passRate).toBeCloseTo(rate, 10));
    expect(view.warnings).toContain('the prompted baseline (81.8%) is not the lowest scorer: generation 3 (gen 3) scored 45.5%');
    expect(view.warnings.some((w) => w.startsWith('generation 3 (gen 3) won over its predecessor with 50.0%, but its 95% interval') && w.endsWith('includes 50%: not a clear win'))).toBe(true);
    expect(view.warnings.filter((w) => w.includes('includes 50%'))).toHaveLength(1);

    const lines = readFileSync(path.join(dir, 'reports', 'toy', 'lineage.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.suite, l.system, l.label, typeof l.runId, typeof l.at, typeof l.passRate])).toEqual([
      ['toy', 'candidate', 'gen 1', 'string', 'string', 'number'],
      ['toy', 'candidate', 'gen 2', 'string', 'string', 'number'],
      ['toy', 'candidate', 'gen 3', 'string', 'string', 'number'],
    ]);
    expect(lines[2]).toMatchObject({ previous: { kind: 'champion', label: 'gen 2' }, notInPrevious: 1 });

    const shown = await runCli(['lineage', 'toy'], { cwd: dir, env });
    expect(shown.stdout).toContain('toy: 3 generations\n');
    expect(shown.stdout).toContain('3  generation 3 (gen 3)  openai:fake-gen3');
    expect(shown.stdout).toContain('warning: the prompted baseline (81.8%) is not the lowest scorer');
  }, 240_000);

  it('refuses to promote a partial run, an unknown system or a system with errors (exit 2)', async () => {
    const dir = project();
    const partial = await runCli(['run', 'toy', '--limit', '3', '--systems', 'candidate'], { cwd: dir, env });
    expect(partial.code).toBe(0);
    const refusedPartial = await runCli(['promote', latestRun(dir), '--system', 'candidate'], { cwd: dir, env });
    expect(refusedPartial.code).toBe(2);
    expect(refusedPartial.stderr).toContain('the run covered only part of the suite (--limit 3)');

    await runCli(['run', 'toy', '--systems', 'candidate,current'], { cwd: dir, env });
    const unknown = await runCli(['promote', latestRun(dir), '--system', 'candidat'], { cwd: dir, env });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no system "candidat" in this run (did you mean "candidate"?)');

    await runCli(['run', 'toy', '--systems', 'candidate', '--set', 'candidate.provider=openai:fake-broken', '--max-retries', '0'], { cwd: dir, env });
    const errored = await runCli(['promote', latestRun(dir), '--system', 'candidate'], { cwd: dir, env });
    expect(errored.code).toBe(2);
    expect(errored.stderr).toContain('system "candidate" errored on 10 of 10 results');
    expect(readdirSync(path.join(dir, 'reports', 'toy'))).not.toContain('champion.jsonl');
  }, 120_000);
});
