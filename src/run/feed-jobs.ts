import type { Job } from './execute-job.js';

type Source = AsyncIterator<Job> | Iterator<Job>;

/**
 * Start jobs from one source per system, keeping at most `windowOf(system)` of each system's jobs
 * started and unfinished. Per-system windows matter: with one shared window, a throttled system's
 * queued jobs would fill it and the fast systems would wait at the slow one's pace. The windows
 * also bound memory: a 100,000-case plan never sits in memory as closures.
 *
 * A failing `start` (a result that cannot be written) stops feeding; the jobs already running are
 * awaited before the error is thrown, so nothing writes after the caller closes its files.
 */
export async function feedJobs(sources: Map<string, Source>, windowOf: (system: string) => number, start: (job: Job) => Promise<void>, signal?: AbortSignal): Promise<void> {
  const inFlight = new Set<Promise<void>>();
  const running = new Map<string, number>();
  const active = new Set(sources.keys());
  // Resolved when any job finishes. One promise the loop waits on, rather than Promise.race over every
  // job in flight, which hangs a reaction on each of them (a window's worth) every time one finishes.
  let wake: (() => void) | undefined;
  // The first job that failed: no more are started, and it is thrown once the others are done.
  let failure: { error: unknown } | undefined;
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
            inFlight.delete(task);
            running.set(system, (running.get(system) ?? 1) - 1);
            wake?.();
          });
        inFlight.add(task);
        started = true;
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
