/**
 * A stopwatch for an answer's latency: `const elapsedMs = startStopwatch()`, then `elapsedMs()` in whole
 * milliseconds. process.hrtime, not performance.now(): Node loads the `performance` global on first use
 * (perf_hooks and eight modules behind it, ~1 ms), and a run's first request would wait for it (issue 14).
 */
export function startStopwatch(): () => number {
  const started = process.hrtime.bigint();
  return () => Math.round(Number(process.hrtime.bigint() - started) / 1e6);
}
