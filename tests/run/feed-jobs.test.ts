import { describe, expect, it } from 'vitest';
import { feedJobs } from '../../src/run/feed-jobs.js';
import type { Job } from '../../src/run/execute-job.js';
import { makeCase } from '../helpers/make-case.js';

function jobs(system: string, n: number): Job[] {
  return Array.from({ length: n }, (_, i) => ({ case: makeCase({ id: `c${i}` }), system: { name: system, provider: 'openai:m', params: {} }, repeat: 0 }));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('feedJobs', () => {
  it('a throttled system does not hold up a fast one', async () => {
    const finished: Record<string, number> = { slow: 0, fast: 0 };
    let slowFinishedWhenFastDone = -1;
    let fastDone = () => {};
    const allFastDone = new Promise<void>((resolve) => (fastDone = resolve));
    await feedJobs(
      new Map([
        ['slow', jobs('slow', 6)[Symbol.iterator]()],
        ['fast', jobs('fast', 40)[Symbol.iterator]()],
      ]),
      () => 2,
      async (job) => {
        // The slow system's jobs hang until the fast one is through (or, held up behind them, a
        // backstop releases them): an order is asserted, not a duration a loaded machine can stretch.
        await (job.system.name === 'slow' ? Promise.race([allFastDone, sleep(3_000)]) : sleep(2));
        finished[job.system.name] += 1;
        if (job.system.name === 'fast' && finished.fast === 40) {
          slowFinishedWhenFastDone = finished.slow;
          fastDone();
        }
      },
    );
    expect(finished).toEqual({ slow: 6, fast: 40 });
    expect(slowFinishedWhenFastDone).toBe(0);
  });

  it('keeps each system within its window', async () => {
    let running = 0;
    let peak = 0;
    await feedJobs(
      new Map([['a', jobs('a', 30)[Symbol.iterator]()]]),
      () => 3,
      async () => {
        running += 1;
        peak = Math.max(peak, running);
        await sleep(1);
        running -= 1;
      },
    );
    expect(peak).toBe(3);
  });

  it('stops at the abort signal and waits for running jobs when one fails', async () => {
    const controller = new AbortController();
    let count = 0;
    await feedJobs(
      new Map([['a', jobs('a', 100)[Symbol.iterator]()]]),
      () => 2,
      async () => {
        count += 1;
        if (count === 5) controller.abort();
        await sleep(1);
      },
      controller.signal,
    );
    expect(count).toBeLessThan(8);

    let settled = 0;
    await expect(
      feedJobs(
        new Map([['a', jobs('a', 10)[Symbol.iterator]()]]),
        () => 3,
        async (job) => {
          await sleep(job.case.id === 'c1' ? 1 : 20);
          if (job.case.id === 'c1') throw new Error('disk full');
          settled += 1;
        },
      ),
    ).rejects.toThrow('disk full');
    expect(settled).toBe(2);
  });
  it('lets the event loop turn between the first jobs that take a free slot, so their requests leave one by one', async () => {
    // A request reaches its socket on a later turn of the event loop (the connection's poll phase). The
    // first `rampOf` starts (the run passes its concurrency) are separated by turns; the rest of the
    // window waits for a slot anyway and starts at once, as does a job that takes a finished one's place.
    const events: string[] = [];
    let finishFirst = () => {};
    const firstFinished = new Promise<void>((resolve) => (finishFirst = resolve));
    await feedJobs(
      new Map([['a', jobs('a', 8)[Symbol.iterator]()]]),
      () => 6,
      async (job) => {
        const id = job.case.id;
        events.push(`start ${id}`);
        setImmediate(() => events.push(`turn after ${id}`));
        if (id === 'c0') {
          // Finishes once the rest of the first window has started (a few turns of the event loop; 50 ms
          // leaves a loaded machine room).
          await new Promise<void>((resolve) => setTimeout(resolve, 50));
          finishFirst();
        } else await firstFinished;
      },
      undefined,
      () => 3,
    );
    const at = (event: string) => events.indexOf(event);
    expect(events.slice(0, 8)).toEqual(['start c0', 'turn after c0', 'start c1', 'turn after c1', 'start c2', 'start c3', 'start c4', 'start c5']);
    expect(events.slice(at('start c6'), at('start c6') + 2)).toEqual(['start c6', 'start c7']);
  });
});
