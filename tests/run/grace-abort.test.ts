import { afterEach, describe, expect, it } from 'vitest';
import { startFakeModelServer, type FakeModelServer } from '../helpers/fake-model-server.js';
import { defaultRetryPolicy } from '../../src/providers/retry.js';
import { runSuite } from '../../src/run/run-suite.js';
import type { ResultRecord } from '../../src/types.js';
import { loadCases } from '../validate/support.js';

// A job's abort signal is made only when it sends a request (a cached answer sends none). The
// request must still get it: after Ctrl-C and the grace period, a request that hangs is cut short
// and its job is not recorded, so --resume asks again.

let server: FakeModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('Ctrl-C during requests that hang', () => {
  it('aborts them once the grace period is over: the run ends, their jobs unrecorded', async () => {
    let answered = 0;
    // Two quick answers, then every request hangs far longer than the test may take.
    server = await startFakeModelServer(() => (answered++ < 2 ? { text: 'Short answer.' } : { text: 'late', delayMs: 120_000 }));
    const csv = `id,input\n${Array.from({ length: 6 }, (_, i) => `c${i},Question ${i}`).join('\n')}\n`;
    const suite = await loadCases(csv, { systems: [`model: { provider: "openai:fake-model", base_url: "${server.openaiBaseUrl}" }`], checks: ['{ type: contains, value: "answer" }'] });
    const stop = new AbortController();
    const results: ResultRecord[] = [];
    const startedAt = performance.now();
    const outcome = runSuite(suite, {
      env: { OPENAI_API_KEY: 'sk-test' },
      concurrency: 1,
      cacheDir: false,
      reportsDir: `${suite.root}/reports`,
      retryPolicy: { ...defaultRetryPolicy, maxRetries: 0 },
      signal: stop.signal,
      graceMs: 100,
      onEvent: (event) => {
        if (event.type !== 'result') return;
        results.push(event.record);
        // Ctrl-C once the quick answers are in: the next request is hanging by now or soon.
        if (results.length === 2) setTimeout(() => stop.abort(), 200);
      },
    });
    const done = await outcome;
    expect(performance.now() - startedAt).toBeLessThan(30_000);
    expect(results.map((r) => r.caseId)).toEqual(['c0', 'c1']);
    expect(done.summary.systems[0].results).toBe(2);
    // The hanging request was sent, and cut short rather than answered.
    expect(server.requests.length).toBe(3);
  }, 40_000);
});
