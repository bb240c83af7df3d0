import { describe, expect, it } from 'vitest';
import { bootstrapDifference, pairedBootstrap } from '../../src/stats/bootstrap.js';
import { mean } from '../../src/stats/describe.js';

/** Pass rate over every repeat of every case in the sample. */
const passRate = (sample: readonly (readonly number[])[]) => mean(sample.flat());

// 100 cases, 50 pass: the normal approximation gives 0.5 ± 1.96·√(0.25/100) = [0.402, 0.598].
const halfPassing = Array.from({ length: 100 }, (_, i) => [i % 2]);

describe('pairedBootstrap', () => {
  it('gives an interval near the textbook one for independent 0/1 cases', () => {
    const interval = pairedBootstrap({ clusters: halfPassing, statistic: passRate });
    expect(interval.estimate).toBe(0.5);
    expect(interval.low).toBeGreaterThan(0.38);
    expect(interval.low).toBeLessThan(0.42);
    expect(interval.high).toBeGreaterThan(0.58);
    expect(interval.high).toBeLessThan(0.62);
  });

  it('is reproducible for a seed, and moves a little with another seed', () => {
    const first = pairedBootstrap({ clusters: halfPassing, statistic: passRate, seed: 7 });
    const again = pairedBootstrap({ clusters: halfPassing, statistic: passRate, seed: 7 });
    const other = pairedBootstrap({ clusters: halfPassing, statistic: passRate, seed: 8 });
    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
    expect(Math.abs(other.low - first.low)).toBeLessThan(0.03);
    expect(Math.abs(other.high - first.high)).toBeLessThan(0.03);
    expect(first.low).toBeLessThanOrEqual(first.estimate);
    expect(first.high).toBeGreaterThanOrEqual(first.estimate);
  });

  it('keeps repeats of a case together: 5 identical repeats do not count as 5 cases', () => {
    // 20 cases, each repeated 5 times with the same outcome.
    const repeated = Array.from({ length: 20 }, (_, i) => new Array<number>(5).fill(i % 2));
    const clustered = pairedBootstrap({ clusters: repeated, statistic: passRate });
    const naive = pairedBootstrap({ clusters: repeated.flat().map((x) => [x]), statistic: passRate });
    // Clustering by case should widen the interval by about √5 ≈ 2.2.
    expect(clustered.high - clustered.low).toBeGreaterThan(1.7 * (naive.high - naive.low));
  });

  it('narrows with a lower confidence', () => {
    const wide = pairedBootstrap({ clusters: halfPassing, statistic: passRate, confidence: 0.99 });
    const narrow = pairedBootstrap({ clusters: halfPassing, statistic: passRate, confidence: 0.8 });
    expect(narrow.high - narrow.low).toBeLessThan(wide.high - wide.low);
  });

  it('returns NaN for no cases and rejects bad options', () => {
    const none = pairedBootstrap({ clusters: [] as number[][], statistic: passRate });
    expect(none.estimate).toBeNaN();
    expect(none.low).toBeNaN();
    expect(() => pairedBootstrap({ clusters: halfPassing, statistic: passRate, iterations: 0 })).toThrow(RangeError);
    expect(() => pairedBootstrap({ clusters: halfPassing, statistic: passRate, confidence: 1 })).toThrow(RangeError);
  });
});

describe('bootstrapDifference', () => {
  it('reports a constant per-case improvement with no uncertainty', () => {
    const cases = Array.from({ length: 30 }, (_, i) => ({ a: (i % 3) / 3 + 0.2, b: (i % 3) / 3 }));
    const diff = bootstrapDifference({ cases });
    expect(diff.estimate).toBeCloseTo(0.2, 12);
    expect(diff.low).toBeCloseTo(0.2, 12);
    expect(diff.high).toBeCloseTo(0.2, 12);
  });

  it('pairs scores by case, so a shared hard/easy split does not blur the difference', () => {
    // Case difficulty varies wildly, but a is always 0.1 ahead on the same case, ±0.02.
    const cases = Array.from({ length: 40 }, (_, i) => {
      const difficulty = i % 2 === 0 ? 0.1 : 0.8;
      return { a: difficulty + 0.1 + (i % 4 === 0 ? 0.02 : -0.02), b: difficulty };
    });
    const diff = bootstrapDifference({ cases, seed: 3 });
    expect(diff.low).toBeGreaterThan(0.07);
    expect(diff.high).toBeLessThan(0.13);
  });
});
