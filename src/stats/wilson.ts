// Wilson score interval (Wilson 1927; recommended over the Wald interval by Brown, Cai &
// DasGupta 2001). Same formula as statsmodels' proportion_confint(method='wilson') and
// scipy's binomtest(...).proportion_ci(method='wilson').

/** A point estimate with a confidence interval. */
export interface Interval {
  estimate: number;
  low: number;
  high: number;
}

/** z for a two-sided 95% interval: Φ⁻¹(0.975). */
export const Z_95 = 1.959963984540054;

/**
 * Wilson score interval for a proportion. Use for pass rates and for win rates when every
 * case is judged once; with repeats per case prefer a case-clustered bootstrap.
 * `successes` may be fractional (a tie counts ½). n = 0 gives {low 0, high 1, estimate NaN}:
 * nothing is known.
 */
export function wilsonInterval(successes: number, n: number, z: number = Z_95): Interval {
  if (!(n >= 0) || !Number.isFinite(n)) throw new RangeError(`wilsonInterval: n must be ≥ 0, got ${n}`);
  if (!(successes >= 0 && successes <= n)) {
    throw new RangeError(`wilsonInterval: successes must be in [0, ${n}], got ${successes}`);
  }
  if (n === 0) return { estimate: Number.NaN, low: 0, high: 1 };
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / denominator;
  const halfWidth = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  // Clamp: at p = 0 or 1 rounding can put a bound a hair outside [0, 1].
  return {
    estimate: p,
    low: p === 0 ? 0 : Math.max(0, center - halfWidth),
    high: p === 1 ? 1 : Math.min(1, center + halfWidth),
  };
}
