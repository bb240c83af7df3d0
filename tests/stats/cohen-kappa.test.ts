import { describe, expect, it } from 'vitest';
import { cohenKappa } from '../../src/stats/cohen-kappa.js';

// The reference table is worked by hand in tests/rubric/calibrate.test.ts: kappa 0.4, SE sqrt(0.08064).

describe('cohenKappa', () => {
  it('matches the hand-worked Fleiss–Cohen–Everitt interval', () => {
    const k = cohenKappa({ passPass: 4, passFail: 2, failPass: 1, failFail: 3 });
    expect(k.kappa).toBeCloseTo(0.4, 12);
    expect(k.accuracy).toBeCloseTo(0.7, 12);
    expect(k.se).toBeCloseTo(Math.sqrt(0.08064), 12);
    expect(k.low).toBeCloseTo(-0.156575, 5);
    expect(k.high).toBeCloseTo(0.956575, 5);
  });

  it('perfect agreement is kappa 1 with no spread; chance-level agreement is 0', () => {
    expect(cohenKappa({ passPass: 5, passFail: 0, failPass: 0, failFail: 5 })).toMatchObject({ kappa: 1, se: 0, low: 1, high: 1 });
    // Both say pass half the time, independently: po = pe = 0.5.
    expect(cohenKappa({ passPass: 1, passFail: 1, failPass: 1, failFail: 1 }).kappa).toBeCloseTo(0, 12);
  });

  it('is undefined when both sides only ever gave one verdict, and when nothing is labelled', () => {
    expect(cohenKappa({ passPass: 6, passFail: 0, failPass: 0, failFail: 0 })).toMatchObject({ n: 6, accuracy: 1, kappa: null, low: null });
    expect(cohenKappa({ passPass: 0, passFail: 0, failPass: 0, failFail: 0 })).toMatchObject({ n: 0, kappa: null });
  });
});
