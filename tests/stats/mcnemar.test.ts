import { describe, expect, it } from 'vitest';
import { mcnemarExact } from '../../src/stats/mcnemar.js';
import { binomialHalfUpperTail, binomialPmf } from '../../src/stats/binomial.js';

// Reference values from scipy 1.17.1, produced once with:
//   python3 -c "from scipy.stats import binomtest
//   for b,c in [...]: n=b+c; print(binomtest(b,n,0.5,alternative='greater').pvalue,
//                                 binomtest(c,n,0.5,alternative='greater').pvalue,
//                                 binomtest(b,n,0.5).pvalue)"
// i.e. regression tail, improvement tail, two-sided.
const SCIPY: Array<[b: number, c: number, regression: number, improvement: number, twoSided: number]> = [
  [5, 0, 0.03125, 1.0, 0.0625],
  [10, 3, 0.046142578125, 0.98876953125, 0.09228515625],
  [3, 10, 0.98876953125, 0.046142578125, 0.09228515625],
  [7, 7, 0.604736328125, 0.604736328125, 1.0],
  [1, 0, 0.5, 1.0, 1.0],
  [30, 2, 1.2316741049289703e-7, 0.9999999923165888, 2.4633482098579407e-7],
  [0, 25, 1.0, 2.9802322387695312e-8, 5.960464477539063e-8],
  [600, 500, 0.0014097724957182142, 0.998844999697965, 0.0028195449914364284],
  [1500, 1000, 6.662935824188383e-24, 1.0, 1.3325871648376767e-23],
  [50400, 49600, 0.00575746274511451, 0.9943453852208761, 0.01151492549022902],
  [52000, 48000, 5.765469333363917e-37, 1.0, 1.1530938666727834e-36],
];

/** |actual − expected| ≤ rel·expected: p-values that span 40 orders of magnitude need relative checks. */
function expectRelativelyClose(actual: number, expected: number, rel = 1e-11): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.abs(expected) + 1e-300);
}

describe('mcnemarExact', () => {
  it.each(SCIPY)('b=%i c=%i matches scipy binomtest', (b, c, regression, improvement, twoSided) => {
    const result = mcnemarExact(b, c);
    expectRelativelyClose(result.oneSidedRegression, regression);
    expectRelativelyClose(result.oneSidedImprovement, improvement);
    expectRelativelyClose(result.twoSided, twoSided);
  });

  it('gives p = 1 when nothing changed (b = c = 0)', () => {
    expect(mcnemarExact(0, 0)).toEqual({ b: 0, c: 0, oneSidedRegression: 1, oneSidedImprovement: 1, twoSided: 1 });
  });

  it('flags 600 regressions against 500 fixes as significantly worse, without overflow', () => {
    const result = mcnemarExact(600, 500);
    expect(result.oneSidedRegression).toBeLessThan(0.01);
    expect(result.oneSidedImprovement).toBeGreaterThan(0.99);
  });

  it('stays finite and in [0, 1] at n = 100,000 even for an even split', () => {
    const even = mcnemarExact(50_000, 50_000);
    // Symmetry: P(X ≥ n/2) = ½ + ½·P(X = n/2), with the pmf itself checked against scipy below.
    expectRelativelyClose(even.oneSidedRegression, 0.5 + 0.5 * binomialPmf(50_000, 100_000, 0.5), 1e-12);
    expect(even.twoSided).toBe(1);
  });

  it('rejects counts that are not non-negative integers', () => {
    expect(() => mcnemarExact(-1, 3)).toThrow(RangeError);
    expect(() => mcnemarExact(2.5, 3)).toThrow(/non-negative integer/);
  });
});

describe('binomial tails', () => {
  it('sums the pmf to 1 and matches the tail on a small n computed by hand', () => {
    // n = 4: pmf = 1/16, 4/16, 6/16, 4/16, 1/16.
    expect([0, 1, 2, 3, 4].map((k) => binomialPmf(k, 4, 0.5) * 16)).toEqual([1, 4, 6, 4, 1].map((v) => expect.closeTo(v, 12)));
    expect(binomialHalfUpperTail(3, 4)).toBeCloseTo(5 / 16, 15);
    expect(binomialHalfUpperTail(1, 4)).toBeCloseTo(15 / 16, 15);
    expect(binomialHalfUpperTail(0, 4)).toBe(1);
    expect(binomialHalfUpperTail(5, 4)).toBe(0);
  });

  it('matches P(X = n/2) for n = 100,000 from scipy.stats.binom.pmf(50000, 100000, 0.5)', () => {
    // python3 -c "from scipy.stats import binom; print(repr(binom.pmf(50000,100000,0.5)))"
    expectRelativelyClose(binomialPmf(50_000, 100_000, 0.5), 0.0025231262141967386, 1e-12);
  });
});
