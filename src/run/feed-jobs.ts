import type { Job } from './execute-job.js';
import { nextTurnOfEventLoop } from '../event-loop-turn.js';

type Source = AsyncIterator<Job> | Iterator<Job>;

/** Two turns of the event loop: its check phase, then its poll phase, where a connection writes its request. */
const twoTurns = async () => {
  await nextTurnOfEventLoop();
  await nextTurnOfEventLoop();
};

/**
 * Start jobs from one source per system, keeping at most `windowOf(system)` of each system's jobs
 * started and unfinished. Per-system windows matter: with one shared window, a throttled system's
 * queued jobs would fill it and the fast systems would wait at the slow one's pace. The windows
 * also bound memory: a 100,000-case plan never sits in memory as closures.
 *
 * `rampOf(system)`: how many of the system's first jobs are started a turn of the event loop apart,
 * so that their requests leave one by one (the run passes its concurrency).
 *
 * A failing `start` (a result that cannot be written) stops feeding; the jobs already running are
 * awaited before the error is thrown, so nothing writes after the caller closes its files.
 */
export async function feedJobs(
  sources: Map<string, Source>,
  windowOf: (system: string) => number,
  start: (job: Job) => Promise<void>,
  signal?: AbortSignal,
  rampOf: (system: string) => number = () => 0,
): Promise<void> {
  const inFlight = new Set<Promise<void>>();
  const running = new Map<string, number>();
  const active = new Set(sources.keys());
  // Resolved when any job finishes. One promise the loop waits on, rather than Promise.race over every
  // job in flight, which hangs a reaction on each of them (a window's worth) every time one finishes.
  let wake: (() => void) | undefined;
  // The first job that failed: no more are started, and it is thrown once the others are done.
  let failure: { error: unknown } | undefined;
  // How many of each system's first starts are still to come, a turn of the event loop apart (see below).
  const rampLeft = new Map([...sources.keys()].map((system) => [system, rampOf(system)]));
  try {
    while (active.size && !signal?.aborted) {
      let started = false;
      for (const system of [...active]) {
        if ((running.get(system) ?? 0) >= windowOf(system)) continue;
        const next = await sources.get(system)!.next();
        if (next.done) {
          active.delete(system);
          continue;
        }
        if (signal?.aborted) break;
        running.set(system, (running.get(system) ?? 0) + 1);
        const task = start(next.value)
          .catch((error: unknown) => {
            failure ??= { error };
          })
          .finally(() => {
            rampLeft.set(system, 0);
            inFlight.delete(task);
            running.set(system, (running.get(system) ?? 1) - 1);
            wake?.();
          });
        inFlight.add(task);
        started = true;
        // A request is written to its socket only once the event loop reaches the connection's poll
        // phase: without this, a run's first requests were all read, rendered and made (~1 ms each
        // cold, 10 at the default concurrency) before the first of them left. Two turns (check, then
        // poll), so each goes out while the next is being made. Only between the jobs that take a free
        // slot at once, and until one of the system's jobs finishes: the rest of the window starts
        // without a pause, so its jobs wait at the slots before any answer is handled and each takes
        // a freed slot before that answer is cached or scored (next-request-first.test.ts).
        const ramp = rampLeft.get(system)!;
        if (ramp > 0) rampLeft.set(system, ramp - 1);
        if (ramp > 1) await twoTurns();
      }
      if (!started && inFlight.size) await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
      if (failure) throw failure.error;
    }
    await Promise.all(inFlight);
    if (failure) throw failure.error;
  } catch (error) {
    await Promise.allSettled(inFlight);
    throw error;
  }
}
