import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJudgments } from '../../src/judge/judgments-store.js';
import { judgeRun, type JudgeRunOptions } from '../../src/judge/run-judging.js';
import type { JudgeEvent } from '../../src/judge/events.js';
import { startFakeModelServer, type FakeModelServer } from '../helpers/fake-model-server.js';
import { writeRunFixture } from '../helpers/run-fixture.js';
import { prefersFirst, prefersLonger, responses, verdict } from './judge-brains.js';

let server: FakeModelServer;
beforeAll(async () => {
  server = await startFakeModelServer(prefersFirst);
});
afterAll(() => server.close());

const JUDGE = 'openai:gpt-4o';

function options(): JudgeRunOptions {
  return { env: { OPENAI_BASE_URL: server.openaiBaseUrl }, concurrency: 4, retryPolicy: { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 5 }, seed: 7, onEvent: () => {} };
}

/** Twenty cases where `candidate` always writes more than `baseline`. */
function twentyCases(extra: Parameters<typeof writeRunFixture>[0]['files'] = {}, rubric?: string) {
  const ids = Array.from({ length: 20 }, (_, i) => `c${i + 1}`);
  return writeRunFixture({
    cases: ids.map((id) => ({ id, messages: [{ role: 'user', content: `Comment on draft ${id}` }], columns: { ideal_behavior: 'Specific comments' } })),
    outputs: {
      candidate: Object.fromEntries(ids.map((id) => [id, `A long, specific comment on ${id} with three concrete suggestions.`])),
      baseline: Object.fromEntries(ids.map((id) => [id, `Looks fine (${id}).`])),
    },
    compare: [{ a: 'candidate', b: 'baseline', judge: JUDGE, ...(rubric ? { rubric } : {}) }],
    files: extra,
  });
}

describe('judgeRun with an LLM judge', () => {
  it('gives a judge that always picks position A no false win: ~50% and low consistency', async () => {
    server.setBrain(prefersFirst);
    const { runDir } = twentyCases();
    const { summary } = await judgeRun(runDir, options());
    const [row] = summary.comparisons;

    expect(row).toMatchObject({ a: 'candidate', b: 'baseline', judge: `llm:${JUDGE}`, n: 20, wins: 0, losses: 0, ties: 20, errors: 0 });
    expect(row.winRate).toBe(0.5);
    expect(row.low).toBeLessThan(0.5);
    expect(row.high).toBeGreaterThan(0.5);
    expect(row.consistencyRate).toBe(0);
    const [record] = await readJudgments(runDir);
    expect(record.consistent).toBe(false);
    expect(record.orders?.map((o) => [o.shownA, o.verdict, o.winner])).toEqual([
      ['a', 'A', 'a'],
      ['b', 'A', 'b'],
    ]);
  });

  it('gives the longer system a high win rate with full consistency when the judge prefers length', async () => {
    server.setBrain(prefersLonger);
    const { runDir } = twentyCases();
    const { summary } = await judgeRun(runDir, options());
    const [row] = summary.comparisons;

    expect(row).toMatchObject({ n: 20, wins: 20, losses: 0, ties: 0, consistent: 20, consistencyRate: 1 });
    expect(row.winRate).toBe(1);
    expect(row.low).toBeGreaterThan(0.8);
    // Verbosity shows: the winner writes several times more.
    expect(row.avgLengthA!).toBeGreaterThan(3 * row.avgLengthB!);
    // Strength was not asked for, so none is recorded.
    expect(row.strongWins).toBe(0);
  });

  it('records judge errors (HTTP 500 after retries) as errors, never as ties', async () => {
    server.setBrain((request) => (responses(request).a.includes('c3') ? { status: 500 } : verdict('tie', 'Equal.')));
    const { runDir } = twentyCases();
    const { summary } = await judgeRun(runDir, options());
    const [row] = summary.comparisons;

    expect(row).toMatchObject({ n: 19, ties: 19, errors: 1 });
    const errored = (await readJudgments(runDir)).filter((j) => j.error);
    expect(errored).toHaveLength(1);
    expect(errored[0]).toMatchObject({ caseId: 'c3', error: { kind: 'http', status: 500 } });
    expect(errored[0].winner).toBeUndefined();
  });

  it('treats an answer without a verdict as an error, and reads a JSON verdict from text', async () => {
    server.setBrain((request) => {
      const { a } = responses(request);
      if (a.includes('c1)') || a.includes('c1 ')) return { text: 'I think both are fine.' };
      return { text: 'Verdict:\n```json\n{"reasoning": "A is longer", "winner": "' + (a.length > 30 ? 'A' : 'B') + '"}\n```' };
    });
    const { runDir } = twentyCases();
    const { summary } = await judgeRun(runDir, options());

    expect(summary.comparisons[0]).toMatchObject({ n: 19, wins: 19, errors: 1 });
    const errored = (await readJudgments(runDir)).find((j) => j.error);
    expect(errored?.error).toMatchObject({ kind: 'malformed' });
    expect(errored?.error?.message).toContain('I think both are fine.');
  });

  it('resumes: judging twice makes no duplicate judgments and no extra requests, and retries errors', async () => {
    let failing = true;
    server.setBrain((request) => (failing && responses(request).a.includes('c5') ? { status: 500 } : prefersLonger(request)));
    const { runDir } = twentyCases();
    await judgeRun(runDir, options());
    const file = path.join(runDir, 'judgments.jsonl');
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(20);

    failing = false;
    const before = server.requests.length;
    const second = await judgeRun(runDir, options());
    expect(server.requests.length - before).toBe(2);
    expect(second).toMatchObject({ judged: 1, alreadyJudged: 19 });
    expect(second.summary.comparisons[0]).toMatchObject({ n: 20, wins: 20, errors: 0 });

    const third = await judgeRun(runDir, options());
    expect(server.requests.length - before).toBe(2);
    expect(third).toMatchObject({ judged: 0, alreadyJudged: 20 });
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(21);
  });

  it('renders the rubric with the case columns and the conversation, and keeps "much better" when both orders say it', async () => {
    server.setBrain(prefersLonger);
    const { runDir } = twentyCases({ 'prompts/judge.md': 'Ideal: {{ideal_behavior}}\nConversation:\n{{input}}' }, 'prompts/judge.md');
    const meta = JSON.parse(readFileSync(path.join(runDir, 'run.json'), 'utf8'));
    meta.compare[0].strength = true;
    writeFileSync(path.join(runDir, 'run.json'), JSON.stringify(meta));
    const before = server.requests.length;
    const { summary } = await judgeRun(runDir, options());

    const prompt = server.requests[before].messages[0].content;
    expect(prompt).toContain('Ideal: Specific comments');
    expect(prompt).toMatch(/Conversation:\nuser: Comment on draft c\d+/);
    expect(server.requests[before].tools[0].parameters).toMatchObject({ properties: { strength: { enum: ['better', 'much better'] } } });
    expect(summary.comparisons[0].strongWins).toBe(20);
  });

  it('skips a judge whose key is missing, saying which variable to set', async () => {
    const { runDir } = twentyCases();
    const events: string[] = [];
    const outcome = await judgeRun(runDir, { env: {}, onEvent: (e) => e.type === 'skipped-comparison' && events.push(e.reason) });
    expect(outcome.skipped).toEqual([{ a: 'candidate', b: 'baseline', judge: JUDGE, reason: 'set OPENAI_API_KEY to judge it', variable: 'OPENAI_API_KEY' }]);
    expect(events).toEqual(['set OPENAI_API_KEY to judge it']);
    expect(outcome.summary.comparisons).toEqual([]);
  });
});

describe('judgeRun under the rate limit its provider states', () => {
  it('reports when the judge paces to the limit its provider states (`20/s`, for the progress line), with few 429s', async () => {
    const limited = await startFakeModelServer(prefersLonger, { rateLimit: { requestsPerSecond: 20 } });
    try {
      // 20 pairs, both orders: 40 requests against 20 a second, 10 in flight.
      const { runDir } = twentyCases();
      const events: JudgeEvent[] = [];
      const outcome = await judgeRun(runDir, { ...options(), env: { OPENAI_BASE_URL: limited.openaiBaseUrl, OPENAI_API_KEY: 'sk-test' }, concurrency: 10, onEvent: (event) => events.push(event) });
      expect(outcome.judged).toBe(20);
      const pacing = events.flatMap((e) => (e.type === 'pacing' ? [e] : []));
      expect(pacing).toContainEqual({ type: 'pacing', judge: JUDGE, limit: '20/s' });
      expect(limited.rejected).toBeLessThanOrEqual(4);
    } finally {
      await limited.close();
    }
  });
});
