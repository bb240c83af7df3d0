import { describe, expect, it } from 'vitest';
import { wilsonInterval } from '../../src/stats/wilson.js';
import { normalQuantile, zForConfidence } from '../../src/stats/normal.js';

// Integer cases from scipy 1.17.1:
//   python3 -c "from scipy.stats import binomtest; ci = binomtest(k, n).proportion_ci(method='wilson'); print(ci.low, ci.high)"
// Fractional and 90% cases from the Wilson formula by hand in Python (statsmodels' formula):
//   p=s/n; d=1+z*z/n; c=(p+z*z/(2*n))/d; h=z*sqrt(p*(1-p)/n+z*z/(4*n*n))/d; print(c-h, c+h)
const CASES: Array<[successes: number, n: number, low: number, high: number]> = [
  [0, 10, 0.0, 0.27753279986288926],
  [10, 10, 0.7224672001371109, 1.0],
  [7, 20, 0.1811918241010821, 0.5671457233147637],
  [45, 50, 0.7863976856252034, 0.9565242350681095],
  [1, 1, 0.20654931437723745, 1.0],
  [7.5, 12, 0.3543690134662527, 0.8350074848699371],
];

describe('wilsonInterval', () => {
  it.each(CASES)('%d of %d matches the reference', (successes, n, low, high) => {
    const interval = wilsonInterval(successes, n);
    expect(interval.estimate).toBe(successes / n);
    expect(interval.low).toBeCloseTo(low, 13);
    expect(interval.high).toBeCloseTo(high, 13);
  });

  it('counts a tie as half a success: 7 wins and 1 tie of 12 is 7.5/12', () => {
    expect(wilsonInterval(7 + 0.5, 12).estimate).toBe(0.625);
  });

  it('takes another z: 90% interval for 7 of 20', () => {
    const interval = wilsonInterval(7, 20, zForConfidence(0.9));
    expect(interval.low).toBeCloseTo(0.202260040056761, 8);
    expect(interval.high).toBeCloseTo(0.5334873111515283, 8);
  });

  it('knows nothing from no data', () => {
    expect(wilsonInterval(0, 0)).toEqual({ estimate: Number.NaN, low: 0, high: 1 });
  });

  it('rejects impossible counts', () => {
    expect(() => wilsonInterval(11, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(1, -1)).toThrow(RangeError);
  });
});

describe('normalQuantile', () => {
  // python3 -c "from scipy.stats import norm; print([norm.ppf(p) for p in (0.001, 0.01, 0.05, 0.5, 0.9, 0.999)])"
  it.each([
    [0.001, -3.090232306167813],
    [0.01, -2.3263478740408408],
    [0.05, -1.6448536269514729],
    [0.5, 0],
    [0.9, 1.2815515655446004],
    [0.999, 3.090232306167813],
  ])('Φ⁻¹(%d) matches scipy.stats.norm.ppf to 1e-8', (p, z) => {
    expect(normalQuantile(p)).toBeCloseTo(z, 8);
  });

  it('returns the exact 95% z', () => {
    expect(zForConfidence(0.95)).toBe(1.959963984540054);
  });
});
