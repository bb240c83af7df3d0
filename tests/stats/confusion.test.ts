import { describe, expect, it } from 'vitest';
import { confusionMetrics, type Cells } from '../../src/stats/confusion.js';

// Reference values computed independently with python3 (statsmodels is not installed here), by the
// Wilson formula by hand: p=k/n, d=1+z²/n, centre=(p+z²/2n)/d, half=z·sqrt(p(1−p)/n+z²/4n²)/d,
// z=1.959963984540054. Same numbers as statsmodels' proportion_confint(k, n, method="wilson").
const REFERENCE = {
  precision: { estimate: 8 / 12, low: 0.39062208887279953, high: 0.8618799089087867 }, // 8 of 12
  recall: { estimate: 0.8, low: 0.49016247153664183, high: 0.9433178485456247 }, // 8 of 10
  falsePositiveRate: { estimate: 0.4, low: 0.16818032970623614, high: 0.6873262302663417 }, // 4 of 10
};

/** One case per decision: TP 8, FN 2, FP 4, TN 6. */
function planted(): Cells[] {
  const one = (cell: keyof Cells): Cells => ({ tp: 0, fp: 0, tn: 0, fn: 0, [cell]: 1 });
  return [...Array(8).fill('tp'), ...Array(2).fill('fn'), ...Array(4).fill('fp'), ...Array(6).fill('tn')].map(one);
}

describe('confusionMetrics', () => {
  it('counts the cells and gives Wilson intervals equal to the reference', () => {
    const m = confusionMetrics(planted());
    expect([m.tp, m.fp, m.tn, m.fn]).toEqual([8, 4, 6, 2]);
    for (const key of ['precision', 'recall', 'falsePositiveRate'] as const) {
      expect(m[key]!.estimate).toBeCloseTo(REFERENCE[key].estimate, 12);
      expect(m[key]!.low).toBeCloseTo(REFERENCE[key].low, 12);
      expect(m[key]!.high).toBeCloseTo(REFERENCE[key].high, 12);
    }
  });

  it('gives F1, balanced accuracy and cost per case as point estimates inside seeded bootstrap intervals', () => {
    const costs = { falsePositive: 1, falseNegative: 3 };
    const m = confusionMetrics(planted(), { costs });
    // By hand: F1 = 2·8/(2·8+4+2) = 16/22; balanced accuracy = (8/10 + 6/10)/2; cost = (4·1 + 2·3)/20.
    expect(m.f1!.estimate).toBeCloseTo(16 / 22, 12);
    expect(m.balancedAccuracy!.estimate).toBeCloseTo(0.7, 12);
    expect(m.costPerCase!.estimate).toBeCloseTo(0.5, 12);
    for (const rate of [m.f1!, m.balancedAccuracy!, m.costPerCase!]) {
      expect(rate.low).toBeLessThan(rate.estimate);
      expect(rate.high).toBeGreaterThan(rate.estimate);
    }
    expect(confusionMetrics(planted(), { costs })).toEqual(m);
  });

  it('leaves a rate undefined when nothing is in its denominator', () => {
    const m = confusionMetrics([{ tp: 0, fp: 0, tn: 3, fn: 0 }]);
    expect(m.precision).toBeNull();
    expect(m.recall).toBeNull();
    expect(m.balancedAccuracy).toBeNull();
    expect(m.falsePositiveRate!.estimate).toBe(0);
  });
});
