import { describe, expect, it } from 'vitest';
import { computeWinRate } from '../../src/stats/win-rate.js';
import type { PairwiseJudgment } from '../../src/stats/judgment.js';

function judgments(winners: Array<'a' | 'b' | 'tie'>, a = 'new', b = 'old'): PairwiseJudgment[] {
  return winners.map((winner, i) => ({ caseId: `case-${i}`, a, b, winner }));
}

describe('computeWinRate', () => {
  it('counts a tie as half a win: 6 wins, 1 tie, 3 losses is 0.65', () => {
    const result = computeWinRate(judgments(['a', 'a', 'a', 'a', 'a', 'a', 'tie', 'b', 'b', 'b']));
    expect(result).toMatchObject({ system: 'new', opponent: 'old', n: 10, cases: 10, wins: 6, ties: 1, losses: 3 });
    expect(result.winRate).toBeCloseTo(0.65, 12);
    // Wilson for 6.5 of 10, by hand in Python with z = 1.959963984540054:
    //   p=s/n; d=1+z*z/n; c=(p+z*z/(2*n))/d; h=z*sqrt(p*(1-p)/n+z*z/(4*n*n))/d  →  c-h, c+h
    expect(result.wilson.low).toBeCloseTo(0.3536707235111688, 12);
    expect(result.wilson.high).toBeCloseTo(0.8630694365299644, 12);
    expect(result.intervalMethod).toBe('wilson');
    expect(result.interval).toBe(result.wilson);
  });

  it('reads judgments with either system shown as A', () => {
    const mixed = [
      ...judgments(['a', 'a', 'b']), // new shown as A: 2 wins, 1 loss
      ...judgments(['b', 'b', 'tie'], 'old', 'new').map((j) => ({ ...j, caseId: `swapped-${j.caseId}` })),
    ];
    const result = computeWinRate(mixed, { system: 'new' });
    expect(result).toMatchObject({ wins: 4, losses: 1, ties: 1, opponent: 'old' });
    expect(result.winRate).toBeCloseTo(4.5 / 6, 12);
    expect(computeWinRate(mixed, { system: 'old' }).winRate).toBeCloseTo(1.5 / 6, 12);
  });

  it('switches to the case-clustered bootstrap when cases are judged more than once', () => {
    // Both orders judged on 15 cases, consistently: 10 cases won, 5 lost.
    const both = Array.from({ length: 15 }, (_, i): PairwiseJudgment[] => [
      { caseId: `c${i}`, a: 'new', b: 'old', winner: i < 10 ? 'a' : 'b' },
      { caseId: `c${i}`, a: 'old', b: 'new', winner: i < 10 ? 'b' : 'a' },
    ]).flat();
    const result = computeWinRate(both, { system: 'new', seed: 5 });
    expect(result.n).toBe(30);
    expect(result.cases).toBe(15);
    expect(result.intervalMethod).toBe('bootstrap');
    expect(result.interval).toBe(result.bootstrap);
    // 30 judgments pretend to more certainty than 15 cases give.
    expect(result.bootstrap.high - result.bootstrap.low).toBeGreaterThan(result.wilson.high - result.wilson.low);
    expect(computeWinRate(both, { system: 'new', seed: 5 }).bootstrap).toEqual(result.bootstrap);
  });

  it('gives the same bootstrap interval whatever order the judgments came in (judgments.jsonl is in finishing order)', () => {
    // 12 cases, each judged twice with a graded preference, then the same judgments reversed and interleaved.
    const inOrder = Array.from({ length: 12 }, (_, i): PairwiseJudgment[] => [
      { caseId: `c${i}`, a: 'new', b: 'old', preference: ((i * i) % 13) / 12 },
      { caseId: `c${i}`, a: 'new', b: 'old', preference: ((3 * i + 1) % 13) / 12 },
    ]).flat();
    const reversed = [...inOrder].reverse();
    const interleaved = [...inOrder.filter((_, i) => i % 3 === 0), ...inOrder.filter((_, i) => i % 3 !== 0)];
    const interval = computeWinRate(inOrder, { system: 'new', seed: 11 }).bootstrap;
    expect(interval.low).toBeLessThan(interval.high);
    expect(computeWinRate(reversed, { system: 'new', seed: 11 }).bootstrap).toEqual(interval);
    expect(computeWinRate(interleaved, { system: 'new', seed: 11 }).bootstrap).toEqual(interval);
  });

  it('takes graded preferences', () => {
    const graded: PairwiseJudgment[] = [0.9, 0.7, 0.5, 0.2].map((preference, i) => ({
      caseId: `g${i}`,
      a: 'new',
      b: 'old',
      preference,
    }));
    const result = computeWinRate(graded);
    expect(result.winRate).toBeCloseTo(0.575, 12);
    expect(result).toMatchObject({ wins: 2, ties: 1, losses: 1 });
  });

  it('knows nothing from no judgments', () => {
    const result = computeWinRate([]);
    expect(result.winRate).toBeNaN();
    expect(result.interval).toMatchObject({ low: 0, high: 1 });
  });

  it('refuses a third system or a judgment without a verdict', () => {
    const three = [...judgments(['a']), { caseId: 'x', a: 'new', b: 'other', winner: 'a' as const }];
    expect(() => computeWinRate(three)).toThrow(/expected "new" vs "old"/);
    expect(() => computeWinRate([{ caseId: 'x', a: 'new', b: 'old' }])).toThrow(/needs winner/);
    expect(() => computeWinRate(judgments(['a']), { system: 'nobody' })).toThrow(RangeError);
  });
});
