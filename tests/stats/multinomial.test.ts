import { describe, expect, it } from 'vitest';
import { bootstrapCounts, bootstrapVector } from '../../src/stats/bootstrap.js';
import { quantile } from '../../src/stats/describe.js';
import { sampleBinomial, sampleMultinomial } from '../../src/stats/multinomial.js';
import { createRandom } from '../../src/stats/random.js';
import { ValueCounts } from '../../src/stats/value-counts.js';

function moments(draws: number[]): { mean: number; variance: number } {
  const mean = draws.reduce((s, x) => s + x, 0) / draws.length;
  return { mean, variance: draws.reduce((s, x) => s + (x - mean) ** 2, 0) / (draws.length - 1) };
}

describe('sampleBinomial', () => {
  // Mean n·p and variance n·p·(1−p), each within 5 standard errors of 20,000 draws.
  it.each([
    [1_000_000, 0.3],
    [1_000_000, 0.0001],
    [5_000, 0.97],
    [100, 0.02],
    [41, 0.5],
    [7, 0.4],
  ])('Binomial(%i, %f) has the right mean and variance', (n, p) => {
    const random = createRandom(42);
    const draws = Array.from({ length: 20_000 }, () => sampleBinomial(n, p, random));
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThanOrEqual(n);
    expect(draws.every(Number.isInteger)).toBe(true);
    const { mean, variance } = moments(draws);
    const sigma2 = n * p * (1 - p);
    expect(Math.abs(mean - n * p)).toBeLessThan(5 * Math.sqrt(sigma2 / draws.length));
    // The sample variance's standard error is about σ²·sqrt(2/(N−1)) for a near-normal count.
    expect(Math.abs(variance - sigma2)).toBeLessThan(5 * sigma2 * Math.sqrt(2 / draws.length) + 0.05);
  });

  it('gives 0 and n at p = 0 and p = 1, and the same draws for the same seed', () => {
    expect(sampleBinomial(1_000_000, 0, createRandom(1))).toBe(0);
    expect(sampleBinomial(1_000_000, 1, createRandom(1))).toBe(1_000_000);
    const a = createRandom(9);
    const b = createRandom(9);
    expect(Array.from({ length: 50 }, () => sampleBinomial(123_456, 0.37, a))).toEqual(Array.from({ length: 50 }, () => sampleBinomial(123_456, 0.37, b)));
  });
});

describe('sampleMultinomial', () => {
  it('puts every draw in some kind, each kind in proportion to its weight', () => {
    const random = createRandom(3);
    const weights = [600_000, 250_000, 100_000, 50_000];
    const totals = [0, 0, 0, 0];
    for (let i = 0; i < 2_000; i++) {
      const counts = sampleMultinomial(1_000_000, weights, random);
      expect(counts.reduce((s, c) => s + c, 0)).toBe(1_000_000);
      counts.forEach((c, k) => (totals[k] += c));
    }
    totals.forEach((t, k) => expect(t / 2_000 / 1_000_000).toBeCloseTo(weights[k] / 1_000_000, 3));
  });
});

describe('bootstrapCounts', () => {
  it('gives the interval that resampling the clusters one by one gives, for a statistic of the whole sample', () => {
    // 300 cases of three kinds; the statistic is the share of kind 0 among kinds 0 and 1.
    const kinds = [0, 1, 2];
    const counts = [150, 90, 60];
    const clusters = kinds.flatMap((k) => Array<number>(counts[k]).fill(k));
    const share = (c: readonly number[]) => [c[0] / (c[0] + c[1])];
    const byCounts = bootstrapCounts({ counts, statistic: share, iterations: 4000, seed: 5 });
    const oneByOne = bootstrapVector({
      clusters,
      statistic: (sample) => share(kinds.map((k) => sample.filter((x) => x === k).length)),
      iterations: 4000,
      seed: 5,
    });
    expect(byCounts.estimate[0]).toBe(oneByOne.estimate[0]);
    // Same distribution, different random streams: percentiles agree to Monte Carlo error.
    expect(Math.abs(byCounts.low[0] - oneByOne.low[0])).toBeLessThan(0.015);
    expect(Math.abs(byCounts.high[0] - oneByOne.high[0])).toBeLessThan(0.015);
    expect(byCounts.low[0]).toBeLessThan(0.625);
    expect(byCounts.high[0]).toBeGreaterThan(0.625);
  });
});

describe('ValueCounts', () => {
  it('gives the same quantiles as the sorted list, whole and fractional values alike', () => {
    const random = createRandom(11);
    for (const values of [Array.from({ length: 5_001 }, () => Math.floor(random.next() * 300)), Array.from({ length: 999 }, () => random.next() * 50), [7], [3, 3, 3, 9]]) {
      const counts = new ValueCounts();
      for (const v of values) counts.add(v);
      const sorted = [...values].sort((a, b) => a - b);
      const qs = [0, 0.5, 0.95, 0.99, 1];
      expect(counts.quantiles(qs)).toEqual(qs.map((q) => quantile(sorted, q)));
      expect(counts.size).toBe(values.length);
    }
    expect(new ValueCounts().quantiles([0.5])).toEqual([Number.NaN]);
  });
});
