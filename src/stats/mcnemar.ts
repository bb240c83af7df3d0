// Exact McNemar test (McNemar 1947; exact form as in Fagerland, Lydersen & Laake 2013,
// "The McNemar test for binary matched-pairs data"): only discordant pairs carry
// information, and under "no change" each is a fair coin flip.

import { binomialHalfUpperTail } from './binomial.js';

export interface McNemarResult {
  /** Discordant pairs pass → fail (regressions). */
  b: number;
  /** Discordant pairs fail → pass (fixes). */
  c: number;
  /** P(X ≥ b), X ~ Binomial(b+c, ½): small means the new run is worse than chance would explain. */
  oneSidedRegression: number;
  /** P(X ≥ c): small means the new run is better than chance would explain. */
  oneSidedImprovement: number;
  /** min(1, 2·min(tails)). Equals scipy's binomtest two-sided p, since p = ½ is symmetric. */
  twoSided: number;
}

/**
 * Exact McNemar test on paired pass/fail outcomes of the same cases under a baseline and a new run.
 * Use for regression reports: `b` counts cases that passed before and fail now, `c` the reverse;
 * cases that kept their outcome do not enter. Gate on `oneSidedRegression` ("is it worse?"),
 * report `twoSided` when the question is "did anything change?". b = c = 0 gives p = 1 everywhere.
 * Stable for b + c up to 10⁶ (saddle-point binomial, no factorials).
 */
export function mcnemarExact(b: number, c: number): McNemarResult {
  for (const [name, value] of [
    ['b', b],
    ['c', c],
  ] as const) {
    if (!Number.isInteger(value) || value < 0) {
      throw new RangeError(`mcnemarExact: ${name} must be a non-negative integer, got ${value}`);
    }
  }
  const n = b + c;
  const oneSidedRegression = binomialHalfUpperTail(b, n);
  const oneSidedImprovement = binomialHalfUpperTail(c, n);
  const twoSided = Math.min(1, 2 * Math.min(oneSidedRegression, oneSidedImprovement));
  return { b, c, oneSidedRegression, oneSidedImprovement, twoSided };
}
