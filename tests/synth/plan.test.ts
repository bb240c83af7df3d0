import { describe, expect, it } from 'vitest';
import { planAxes, planSlots } from '../../src/synth/plan.js';

// The plan is what makes synth's rows diverse by design and its runs resumable: every axis balanced
// on its own, the same seed giving the same plan, another seed another pairing.

function counts(values: string[]): number[] {
  const tally = new Map<string, number>();
  for (const value of values) tally.set(value, (tally.get(value) ?? 0) + 1);
  return [...tally.values()];
}

describe('planSlots', () => {
  const options = { n: 50, seed: 7, languages: ['English', 'Spanish', 'French'], labelColumn: 'should_trigger' };

  it('balances every axis on its own: the counts of its values differ by at most one, and every value is used', () => {
    const plan = planSlots(options);
    expect(plan).toHaveLength(50);
    for (const axis of planAxes(options)) {
      const used = counts(plan.map((slot) => slot.axes[axis.name]));
      expect(used.length, axis.name).toBe(axis.values.length);
      expect(Math.max(...used) - Math.min(...used), axis.name).toBeLessThanOrEqual(1);
    }
    expect(plan.filter((slot) => slot.axes.label === 'yes')).toHaveLength(25);
  });

  it('is the same for the same seed and pairs the axes differently for another', () => {
    expect(planSlots(options)).toEqual(planSlots(options));
    const other = planSlots({ ...options, seed: 8 });
    expect(other.map((slot) => JSON.stringify(slot.axes))).not.toEqual(planSlots(options).map((slot) => JSON.stringify(slot.axes)));
  });

  it('plans no label or boundary for a suite without yes/no labels', () => {
    const plan = planSlots({ n: 3, seed: 1, languages: ['English'] });
    expect(Object.keys(plan[0].axes)).toEqual(['persona', 'length', 'phrasing', 'turns', 'language']);
    expect(plan.every((slot) => slot.axes.language === 'English')).toBe(true);
  });
});
