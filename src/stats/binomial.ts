// Binomial probabilities accurate to ~1e-13 relative for n up to millions, following
// C. Loader (2000), "Fast and Accurate Computation of Binomial Probabilities" — the
// algorithm behind R's dbinom. Working through log-gamma or factorials loses every
// digit once n is in the thousands; the saddle-point form keeps them.

const LN_2PI = Math.log(2 * Math.PI);

/** Stirling-series coefficients 1/12, 1/360, 1/1260, 1/1680, 1/1188 (Loader 2000, eq. 2). */
const S0 = 1 / 12;
const S1 = 1 / 360;
const S2 = 1 / 1260;
const S3 = 1 / 1680;
const S4 = 1 / 1188;

/** Exact error for small n, where the series does not converge fast enough. */
const SMALL_STIRLERR: number[] = Array.from({ length: 16 }, (_, n) => {
  if (n === 0) return 0;
  let logFactorial = 0;
  for (let i = 2; i <= n; i++) logFactorial += Math.log(i);
  return logFactorial - (n + 0.5) * Math.log(n) + n - 0.5 * LN_2PI;
});

/** log(n!) − log(√(2πn)·(n/e)ⁿ): the error of Stirling's formula, for integer n ≥ 0. */
function stirlingError(n: number): number {
  if (n <= 15) return SMALL_STIRLERR[n];
  const nn = n * n;
  if (n > 500) return (S0 - S1 / nn) / n;
  if (n > 80) return (S0 - (S1 - S2 / nn) / nn) / n;
  if (n > 35) return (S0 - (S1 - (S2 - S3 / nn) / nn) / nn) / n;
  return (S0 - (S1 - (S2 - (S3 - S4 / nn) / nn) / nn) / nn) / n;
}

/** x·log(x/m) + m − x, computed without cancellation when x ≈ m (Loader 2000, section 3). */
function deviance(x: number, m: number): number {
  if (Math.abs(x - m) < 0.1 * (x + m)) {
    let v = (x - m) / (x + m);
    let sum = (x - m) * v;
    let term = 2 * x * v;
    v *= v;
    for (let j = 1; j < 1000; j++) {
      term *= v;
      const next = sum + term / (2 * j + 1);
      if (next === sum) return next;
      sum = next;
    }
    return sum;
  }
  return x * Math.log(x / m) + m - x;
}

/** P(X = k) for X ~ Binomial(n, p), integer 0 ≤ k ≤ n. */
export function binomialPmf(k: number, n: number, p: number): number {
  if (k < 0 || k > n) return 0;
  const q = 1 - p;
  if (k === 0) return Math.exp(n * Math.log(q));
  if (k === n) return Math.exp(n * Math.log(p));
  const lc = stirlingError(n) - stirlingError(k) - stirlingError(n - k) - deviance(k, n * p) - deviance(n - k, n * q);
  const lf = LN_2PI + Math.log(k) + Math.log1p(-k / n);
  return Math.exp(lc - 0.5 * lf);
}

/**
 * P(X ≥ k) for X ~ Binomial(n, ½), exact to ~1e-13 relative for n up to 10⁶.
 * Use for sign tests and McNemar. The tail that lies away from the mode is summed
 * directly (its terms only shrink, so the sum stops early); the other is 1 minus it.
 */
export function binomialHalfUpperTail(k: number, n: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (2 * k >= n) return sumDecreasingTail(k, n);
  // By symmetry P(X ≤ k−1) = P(X ≥ n−k+1), and n−k+1 lies above the mode.
  return 1 - sumDecreasingTail(n - k + 1, n);
}

/** Σ_{j ≥ k} P(X = j) for k ≥ n/2, via the ratio P(j+1)/P(j) = (n−j)/(j+1). */
function sumDecreasingTail(k: number, n: number): number {
  let term = binomialPmf(k, n, 0.5);
  let sum = term;
  for (let j = k; j < n; j++) {
    term *= (n - j) / (j + 1);
    if (term <= sum * 1e-17) break;
    sum += term;
  }
  return Math.min(1, sum);
}
