import { describe, expect, it } from 'vitest';
import { summarizeJudgments } from '../../src/judge/summarize.js';
import type { JudgmentRecord, Winner } from '../../src/judge/types.js';

const AT = '2026-01-01T00:00:00.000Z';

function many(a: string, b: string, verdicts: Record<Winner, number>, judge = 'llm:openai:gpt-4o', extra: Partial<JudgmentRecord> = {}): JudgmentRecord[] {
  const records: JudgmentRecord[] = [];
  for (const winner of ['a', 'b', 'tie'] as const) {
    for (let i = 0; i < verdicts[winner]; i++) records.push({ caseId: `${a}-${b}-${winner}-${i}`, a, b, judge, winner, at: AT, ...extra });
  }
  return records;
}

describe('summarizeJudgments', () => {
  it('gives the win rate of a with ties as halves and a Wilson interval', () => {
    const summary = summarizeJudgments(many('new', 'old', { a: 6, b: 2, tie: 2 }));
    const [row] = summary.comparisons;
    expect(row).toMatchObject({ a: 'new', b: 'old', judge: 'llm:openai:gpt-4o', n: 10, wins: 6, losses: 2, ties: 2, winRate: 0.7, intervalMethod: 'wilson', errors: 0 });
    // Wilson 95% for 7/10 (statsmodels proportion_confint(7, 10, method='wilson')).
    expect(row.low).toBeCloseTo(0.396781, 5);
    expect(row.high).toBeCloseTo(0.892209, 5);
  });

  it('counts errors apart, and only when no verdict replaced them', () => {
    const records: JudgmentRecord[] = [
      { caseId: 'c1', a: 'new', b: 'old', judge: 'llm:x', error: { kind: 'http', message: '500', status: 500 }, at: AT },
      { caseId: 'c1', a: 'new', b: 'old', judge: 'llm:x', winner: 'a', consistent: true, at: AT },
      { caseId: 'c2', a: 'new', b: 'old', judge: 'llm:x', error: { kind: 'timeout', message: 'slow' }, at: AT },
      { caseId: 'c3', a: 'new', b: 'old', judge: 'llm:x', winner: 'tie', consistent: false, at: AT },
    ];
    const summary = summarizeJudgments(records);
    expect(summary.comparisons[0]).toMatchObject({ n: 2, wins: 1, ties: 1, errors: 1, consistent: 1, consistencyRate: 0.5 });
    expect(summary).toMatchObject({ judgments: 3, errors: 1 });
  });

  it('pools human raters into one row and clusters by case when a case was judged more than once', () => {
    const records = [...many('new', 'old', { a: 5, b: 3, tie: 0 }, 'human:ana'), ...many('new', 'old', { a: 5, b: 3, tie: 0 }, 'human:ben')];
    const [row] = summarizeJudgments(records, { seed: 3, iterations: 500 }).comparisons;
    expect(row).toMatchObject({ judge: 'human', raters: ['ana', 'ben'], n: 16, cases: 8, intervalMethod: 'bootstrap' });
    expect(row.consistencyRate).toBeUndefined();
  });

  it('reports average output length per system when lengths are known', () => {
    const lengths = (system: string) => (system === 'new' ? 300 : 100);
    const [row] = summarizeJudgments(many('new', 'old', { a: 3, b: 0, tie: 0 }), { lengths }).comparisons;
    expect(row).toMatchObject({ avgLengthA: 300, avgLengthB: 100 });
  });

  it('rates three systems with Bradley–Terry, best first', () => {
    const records = [...many('gpt-5', 'gpt-4o', { a: 8, b: 2, tie: 0 }), ...many('gpt-4o', 'gpt-3.5', { a: 8, b: 2, tie: 0 }), ...many('gpt-5', 'gpt-3.5', { a: 9, b: 1, tie: 0 })];
    const summary = summarizeJudgments(records, { seed: 1, iterations: 300 });
    expect(summary.comparisons).toHaveLength(3);
    expect(summary.ratings).toHaveLength(1);
    const [ratings] = summary.ratings;
    expect(ratings.judge).toBe('llm:openai:gpt-4o');
    expect(ratings.ratings.map((r) => [r.system, r.rank])).toEqual([
      ['gpt-5', 1],
      ['gpt-4o', 2],
      ['gpt-3.5', 3],
    ]);
    expect(ratings.ratings[0].low).toBeLessThan(ratings.ratings[0].rating);
  });

  it('has no ratings for two systems and no win rate when nothing was judged', () => {
    expect(summarizeJudgments(many('x', 'y', { a: 1, b: 1, tie: 0 })).ratings).toEqual([]);
    const empty = summarizeJudgments([{ caseId: 'c1', a: 'x', b: 'y', judge: 'llm:j', error: { kind: 'http', message: '500' }, at: AT }]);
    expect(empty.comparisons[0]).toMatchObject({ n: 0, winRate: null, errors: 1 });
  });
});
