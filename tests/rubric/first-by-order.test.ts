import { describe, expect, it } from 'vitest';
import { FirstByOrder } from '../../src/calibration/first-by-order.js';

// evals calibrate keeps the first 2,000 disagreements by case of however many a run has, in any order.
describe('FirstByOrder', () => {
  it('keeps the first items by the order, whatever order they come in, and counts them all', () => {
    let seed = 11;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (const [limit, n] of [
      [10, 5],
      [10, 10],
      [10, 19],
      [10, 20],
      [10, 21],
      [7, 1000],
      [2000, 5000],
    ]) {
      const values = Array.from({ length: n }, () => next() % 3000);
      const kept = new FirstByOrder<number>(limit, (a, b) => a - b);
      for (const value of values) kept.add(value);
      expect(kept.count).toBe(n);
      expect(kept.first(), `limit ${limit}, ${n} items`).toEqual([...values].sort((a, b) => a - b).slice(0, limit));
    }
  });
});
