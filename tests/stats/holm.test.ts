import { describe, expect, it } from 'vitest';
import { holmAdjust } from '../../src/stats/holm.js';

// Reference: Holm's step-down by hand (python3, the same as R's p.adjust(p, "holm")): sort ascending,
// adjusted p₍ᵢ₎ = max over j ≤ i of min(1, (m − j)·p₍ⱼ₎), returned in the order given.
//   [0.01, 0.04, 0.03, 0.005] → sorted 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06, 0.04·1 = 0.04 → lifted to 0.06
//   [0.2, 0.011, 0.012]       → 0.011·3 = 0.033, 0.012·2 = 0.024 → lifted to 0.033, 0.2·1 = 0.2
describe('holmAdjust', () => {
  it('multiplies by the tests left and keeps the adjusted p-values monotone, in the order given', () => {
    const first = holmAdjust([0.01, 0.04, 0.03, 0.005]);
    [0.03, 0.06, 0.06, 0.02].forEach((p, i) => expect(first[i]).toBeCloseTo(p, 15));
    const second = holmAdjust([0.2, 0.011, 0.012]);
    [0.2, 0.033, 0.033].forEach((p, i) => expect(second[i]).toBeCloseTo(p, 15));
  });

  it('caps at 1, and leaves a single test alone', () => {
    expect(holmAdjust([0.6, 0.7])).toEqual([1, 1]);
    expect(holmAdjust([0.04])).toEqual([0.04]);
    expect(holmAdjust([])).toEqual([]);
  });

  it('refuses what is not a p-value', () => {
    expect(() => holmAdjust([0.5, 1.2])).toThrow(RangeError);
    expect(() => holmAdjust([Number.NaN])).toThrow(RangeError);
  });
});
