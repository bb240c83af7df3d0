import { describe, expect, it } from 'vitest';
import { cohensKappa, judgeAgreement } from '../../src/judge/agreement.js';
import type { DecidedJudgment, Winner } from '../../src/judge/types.js';

function repeat(verdicts: Array<[Winner, Winner, number]>): [Winner[], Winner[]] {
  const first: Winner[] = [];
  const second: Winner[] = [];
  for (const [x, y, n] of verdicts) for (let i = 0; i < n; i++) (first.push(x), second.push(y));
  return [first, second];
}

describe("Cohen's kappa", () => {
  it('matches the textbook 2×2 example (20/5/10/15 → po 0.7, pe 0.5, κ 0.4)', () => {
    const [x, y] = repeat([
      ['a', 'a', 20],
      ['a', 'b', 5],
      ['b', 'a', 10],
      ['b', 'b', 15],
    ]);
    const { agreement, kappa } = cohensKappa(x, y);
    expect(agreement).toBeCloseTo(0.7, 12);
    expect(kappa).toBeCloseTo(0.4, 12);
  });

  it('is 1 for perfect agreement and null when both judges always say the same one thing', () => {
    expect(cohensKappa(['a', 'b', 'tie'], ['a', 'b', 'tie']).kappa).toBeCloseTo(1, 12);
    expect(cohensKappa(['tie', 'tie'], ['tie', 'tie'])).toEqual({ agreement: 1, kappa: null });
  });
});

describe('judgeAgreement', () => {
  const j = (judge: string, caseId: string, a: string, b: string, winner: Winner): DecidedJudgment => ({ judge, caseId, a, b, winner, at: '' });

  it('compares judges on shared pairs even when they called the systems in a different order', () => {
    const summaries = judgeAgreement([
      j('human:ana', 'c1', 'new', 'old', 'a'),
      j('human:ana', 'c2', 'new', 'old', 'tie'),
      j('llm:openai:gpt-4o', 'c1', 'old', 'new', 'b'),
      j('llm:openai:gpt-4o', 'c2', 'old', 'new', 'a'),
      j('llm:openai:gpt-4o', 'c3', 'old', 'new', 'a'),
    ]);
    expect(summaries).toHaveLength(1);
    expect(summaries[0]).toMatchObject({ judges: ['human:ana', 'llm:openai:gpt-4o'], kind: 'human-llm', shared: 2, agreement: 0.5 });
  });
});
