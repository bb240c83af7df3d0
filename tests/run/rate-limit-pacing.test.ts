import { afterEach, describe, expect, it } from 'vitest';
import { startFakeModelServer, type FakeBrain, type FakeModelServer, type FakeRateLimit } from '../helpers/fake-model-server.js';
import { defaultRetryPolicy } from '../../src/providers/retry.js';
import { runSuite, type RunOptions } from '../../src/run/run-suite.js';
import type { RunEvent } from '../../src/run/events.js';
import { loadCases } from '../validate/support.js';

// Issue 14: a run goes at the rate limit its provider states, through the real SDKs against a fake
// server that enforces one. Every case completes once and none errors, even with no retries allowed:
// waiting for a rate limit is not a failure. No timings are asserted, only what happened.

let server: FakeModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const answer =
  (latencyMs: number, usage?: { input: number; output: number }): FakeBrain =>
  () => ({ text: 'Short answer.', delayMs: latencyMs, ...(usage ? { usage } : {}) });

function casesCsv(n: number): string {
  return `id,input\n${Array.from({ length: n }, (_, i) => `c${i},Question number ${i}`).join('\n')}\n`;
}

async function run(options: { api: 'openai' | 'anthropic'; cases: number; concurrency: number; brain: FakeBrain; rateLimit: FakeRateLimit }) {
  server = await startFakeModelServer(options.brain, { rateLimit: options.rateLimit });
  const provider = options.api === 'openai' ? `openai:fake-model", base_url: "${server.openaiBaseUrl}` : `anthropic:fake-model", base_url: "${server.anthropicBaseUrl}`;
  const suite = await loadCases(casesCsv(options.cases), { systems: [`model: { provider: "${provider}" }`], checks: ['{ type: contains, value: "answer" }'] });
  const events: RunEvent[] = [];
  const runOptions: RunOptions = {
    env: { OPENAI_API_KEY: 'sk-test', ANTHROPIC_API_KEY: 'sk-ant-test' },
    concurrency: options.concurrency,
    cacheDir: false,
    reportsDir: `${suite.root}/reports`,
    // No retries for real failures: a 429 must be waited out without spending any.
    retryPolicy: { ...defaultRetryPolicy, maxRetries: 0 },
    onEvent: (event) => events.push(event),
  };
  const outcome = await runSuite(suite, runOptions);
  const results = events.flatMap((e) => (e.type === 'result' ? [e.record] : []));
  const pacing = events.flatMap((e) => (e.type === 'pacing' ? [e.limit] : []));
  return { outcome, results, pacing, server };
}

function expectEachCaseOnce(results: { caseId: string; status: string }[], n: number): void {
  expect(results.map((r) => r.caseId).sort()).toEqual(Array.from({ length: n }, (_, i) => `c${i}`).sort());
  expect(results.filter((r) => r.status === 'error')).toEqual([]);
}

describe('pacing to the rate limit the provider states', () => {
  for (const api of ['openai', 'anthropic'] as const) {
    it(`completes every case once under a requests-per-second limit, with ${api}'s headers and no retries allowed`, async () => {
      const { results, pacing, server } = await run({ api, cases: 60, concurrency: 20, brain: answer(50), rateLimit: { requestsPerSecond: 20 } });
      expectEachCaseOnce(results, 60);
      // The run said it was pacing, to the limit the server states.
      expect(pacing).toContain('20/s');
      // Far fewer refusals than cases: the run waits for the budget rather than sending into the limit.
      expect(server.rejected).toBeLessThan(15);
    });
  }

  it('completes every case once under a tokens-per-minute limit', async () => {
    // 1,000 tokens a request against 20,000 a minute: the first 20 empty the bucket, and the 5 after
    // them need 15 s of refill. A loaded machine can take seconds to read the first answers (the
    // bucket refills meanwhile), so one request over the budget was not enough to be sure of a wait.
    const { results, pacing } = await run({ api: 'openai', cases: 25, concurrency: 20, brain: answer(20, { input: 990, output: 10 }), rateLimit: { tokensPerMinute: 20_000 } });
    expectEachCaseOnce(results, 25);
    expect(pacing.some((limit) => limit?.endsWith('tokens/min'))).toBe(true);
  });
});

describe('sporadic 429s', () => {
  it('do not halve concurrency when they say "retry now" and the headers show budget left', async () => {
    let n = 0;
    let inFlightAfterRefusals = 0;
    const brain: FakeBrain = () => {
      n += 1;
      // After the first refusals, measure how many requests the server answers at once.
      if (n === 20) server!.resetCounts();
      if (n === 45) inFlightAfterRefusals = server!.maxInFlight;
      return n % 3 === 0 ? { status: 429, headers: { 'retry-after': '0' } } : { text: 'Short answer.', delayMs: 200 };
    };
    const { results } = await run({ api: 'openai', cases: 90, concurrency: 20, brain, rateLimit: { requestsPerSecond: 10_000 } });
    expectEachCaseOnce(results, 90);
    // Halved at the first refusal, concurrency would be 10 and climb back one step per 10 answers;
    // kept, the server sees about 20 at once (a loaded machine may send a little behind).
    expect(inFlightAfterRefusals).toBeGreaterThanOrEqual(17);
  });
});

describe('pacing of rubric graders', () => {
  it("reports a grader's pacing to the progress line under its name, and its cases all complete", async () => {
    // The system is a recorded column: every request the server sees is the grader's.
    const brain: FakeBrain = () => ({ toolCalls: [{ name: 'record_grade', arguments: { reasoning: 'Fine.', pass: true } }], usage: { input: 100, output: 20 }, delayMs: 20 });
    server = await startFakeModelServer(brain, { rateLimit: { requestsPerSecond: 20 } });
    const csv = `id,input,answer\n${Array.from({ length: 50 }, (_, i) => `c${i},Question number ${i},Answer ${i}`).join('\n')}\n`;
    const suite = await loadCases(csv, {
      systems: ['recorded: { provider: "column:answer" }'],
      checks: [`{ type: rubric, grader: "openai:fake-grader", rubric: "The answer answers." }`],
    });
    const events: RunEvent[] = [];
    await runSuite(suite, {
      env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: server.openaiBaseUrl },
      concurrency: 20,
      cacheDir: false,
      reportsDir: `${suite.root}/reports`,
      retryPolicy: { ...defaultRetryPolicy, maxRetries: 0 },
      onEvent: (event) => events.push(event),
    });
    const results = events.flatMap((e) => (e.type === 'result' ? [e.record] : []));
    expectEachCaseOnce(results, 50);
    expect(results.filter((r) => r.status !== 'pass')).toEqual([]);
    expect(events).toContainEqual({ type: 'pacing', suite: 'cases', system: 'grader openai:fake-grader', limit: '20/s' });
    expect(server.rejected).toBeLessThanOrEqual(5);
  });
});
