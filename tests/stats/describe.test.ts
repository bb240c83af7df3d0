import { describe, expect, it } from 'vitest';
import { mean, percentile, quantile, summarize } from '../../src/stats/describe.js';

// python3 -c "import numpy as np; print(np.percentile([1,2,3,4,10],[0,25,50,90,95,100]))"
//   → [1, 2, 3, 7.6, 8.8, 10]   (numpy's default 'linear' method, Hyndman–Fan type 7)
describe('percentile', () => {
  it.each([
    [0, 1],
    [25, 2],
    [50, 3],
    [90, 7.6],
    [95, 8.8],
    [100, 10],
  ])('p%d of [1,2,3,4,10] interpolates linearly like numpy', (p, expected) => {
    expect(percentile([1, 2, 3, 4, 10], p)).toBeCloseTo(expected, 12);
  });

  it('is NaN on no data and rejects p outside [0, 100]', () => {
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(() => quantile([1], 1.5)).toThrow(RangeError);
  });
});

describe('summarize', () => {
  it('gives latency p50/p95 of unsorted values (numpy: 70, 200.5)', () => {
    const latencies = [250, 12, 31, 47, 58, 63, 77, 85, 91, 140];
    expect(summarize(latencies)).toEqual({ n: 10, mean: 85.4, min: 12, p50: 70, p95: expect.closeTo(200.5, 10), max: 250 });
    expect(latencies[0]).toBe(250); // input left as it was
  });

  it('mean of nothing is NaN', () => {
    expect(mean([])).toBeNaN();
    expect(mean([1, 2, 6])).toBe(3);
  });
});
