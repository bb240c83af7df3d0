// Descriptive statistics for latency, cost and token summaries.

/**
 * Quantile of an ascending-sorted array by linear interpolation between closest ranks —
 * Hyndman & Fan (1996) type 7, the default of numpy.percentile, R's quantile and Excel's
 * PERCENTILE.INC. q in [0, 1]. Empty input gives NaN. The caller sorts (so a summary
 * that asks for p50 and p95 sorts once).
 */
export function quantile(sorted: readonly number[], q: number): number {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile: q must be in [0, 1], got ${q}`);
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const fraction = position - lower;
  if (fraction === 0) return sorted[lower];
  return sorted[lower] + fraction * (sorted[upper] - sorted[lower]);
}

/**
 * Percentile (p in [0, 100]) of an ascending-sorted array; see {@link quantile} for the
 * method (linear interpolation, numpy's default). Use for p50/p95 latency.
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile: p must be in [0, 100], got ${p}`);
  return quantile(sorted, p / 100);
}

/** Arithmetic mean; NaN for an empty array. */
export function mean(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

export interface Summary {
  n: number;
  mean: number;
  min: number;
  p50: number;
  p95: number;
  max: number;
}

/** n, mean, min, p50, p95, max of unsorted values (not modified). Empty input gives NaNs. */
export function summarize(values: readonly number[]): Summary {
  const sorted = [...values].sort((x, y) => x - y);
  return {
    n: sorted.length,
    mean: mean(sorted),
    min: sorted.length ? sorted[0] : Number.NaN,
    p50: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
    max: sorted.length ? sorted[sorted.length - 1] : Number.NaN,
  };
}
