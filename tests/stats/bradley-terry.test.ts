import { describe, expect, it } from 'vitest';
import { bradleyTerry } from '../../src/stats/bradley-terry.js';
import { fitBradleyTerry, strengthsToRatings } from '../../src/stats/bradley-terry-fit.js';
import type { PairwiseJudgment } from '../../src/stats/judgment.js';

let nextCase = 0;
/** `count` judgments of a vs b with the same verdict, each on its own case. */
function times(count: number, a: string, b: string, winner: 'a' | 'b' | 'tie'): PairwiseJudgment[] {
  return Array.from({ length: count }, () => ({ caseId: `case-${nextCase++}`, a, b, winner }));
}

// A beats B 6–2 with 2 ties; B beats C 5–3; A beats C 7–1.
const threeSystems = [
  ...times(6, 'A', 'B', 'a'),
  ...times(2, 'A', 'B', 'b'),
  ...times(2, 'A', 'B', 'tie'),
  ...times(5, 'B', 'C', 'a'),
  ...times(3, 'B', 'C', 'b'),
  ...times(7, 'A', 'C', 'a'),
  ...times(1, 'A', 'C', 'b'),
];

// Reference ratings from an independent Python MM (Jacobi updates, not this file's cyclic ones), run once:
//   import math
//   def bt(w, prior):
//       k=len(w); w=[[0 if i==j else w[i][j]+prior/2 for j in range(k)] for i in range(k)]; g=[1.0]*k
//       for _ in range(100000):
//           new=[sum(w[i])/sum((w[i][j]+w[j][i])/(g[i]+g[j]) for j in range(k) if j!=i) for i in range(k)]
//           m=math.exp(sum(map(math.log,new))/k); new=[x/m for x in new]
//           done=max(abs(math.log(a/b)) for a,b in zip(new,g))<1e-13; g=new
//           if done: break
//       r=[400*math.log10(x) for x in g]; return [x+1000-sum(r)/k for x in r]
//   w=[[0,7,7],[3,0,5],[1,3,0]]   # w[i][j] = wins of i over j, ties as ½
//   print(bt(w,0), bt(w,1))
const PYTHON_PRIOR_0 = [1152.9011417194101, 981.4161152733359, 865.682743007254];
const PYTHON_PRIOR_1 = [1132.8068987615975, 982.6863986086784, 884.5067026297243];

describe('fitBradleyTerry', () => {
  it('gives strength ratio 3 when A beats B 3 of 4: a gap of 400·log10(3) ≈ 190.85 points', () => {
    const fit = fitBradleyTerry(
      [
        [0, 3],
        [1, 0],
      ],
      { prior: 0 },
    );
    expect(fit.strengths[0] / fit.strengths[1]).toBeCloseTo(3, 9);
    const [a, b] = strengthsToRatings(fit.strengths);
    expect(a - b).toBeCloseTo(400 * Math.log10(3), 6);
    expect((a + b) / 2).toBeCloseTo(1000, 9);
  });

  it('says it did not converge when, without a prior, a system never wins', () => {
    const fit = fitBradleyTerry(
      [
        [0, 4],
        [0, 0],
      ],
      { prior: 0, maxIterations: 1000 },
    );
    expect(fit.converged).toBe(false);
    expect(
      fitBradleyTerry([
        [0, 4],
        [0, 0],
      ]).converged,
    ).toBe(true);
  });
});

describe('bradleyTerry', () => {
  it('matches the Python MM on three systems without a prior', () => {
    const result = bradleyTerry(threeSystems, { prior: 0, iterations: 200 });
    expect(result.converged).toBe(true);
    expect(result.ratings.map((r) => r.system)).toEqual(['A', 'B', 'C']);
    result.ratings.forEach((r, i) => expect(r.rating).toBeCloseTo(PYTHON_PRIOR_0[i], 6));
  });

  it('matches the Python MM with the default prior of one virtual tie per pair', () => {
    const result = bradleyTerry(threeSystems, { iterations: 200 });
    expect(result.prior).toBe(1);
    result.ratings.forEach((r, i) => expect(r.rating).toBeCloseTo(PYTHON_PRIOR_1[i], 6));
  });

  it('counts wins, losses and ties per system, and ranks best first', () => {
    const { ratings } = bradleyTerry(threeSystems, { iterations: 200 });
    expect(ratings.map(({ system, wins, losses, ties, comparisons, rank }) => ({ system, wins, losses, ties, comparisons, rank }))).toEqual([
      { system: 'A', wins: 13, losses: 3, ties: 2, comparisons: 18, rank: 1 },
      { system: 'B', wins: 7, losses: 9, ties: 2, comparisons: 18, rank: 2 },
      { system: 'C', wins: 4, losses: 12, ties: 0, comparisons: 16, rank: 3 },
    ]);
  });

  it('gives seeded bootstrap intervals that cover each rating and repeat exactly', () => {
    const first = bradleyTerry(threeSystems, { seed: 11 });
    const again = bradleyTerry(threeSystems, { seed: 11 });
    const other = bradleyTerry(threeSystems, { seed: 12 });
    expect(again).toEqual(first);
    expect(other.ratings.map((r) => r.low)).not.toEqual(first.ratings.map((r) => r.low));
    for (const r of first.ratings) {
      expect(r.low).toBeLessThan(r.rating);
      expect(r.high).toBeGreaterThan(r.rating);
      expect(r.rankLow).toBeLessThanOrEqual(r.rank);
      expect(r.rankHigh).toBeGreaterThanOrEqual(r.rank);
    }
    // With 8 games per pair, A is surely not last, but B vs C is not settled.
    expect(first.ratings[0].rankHigh).toBeLessThan(3);
    expect(first.ratings[1].rankHigh).toBe(3);
  });

  it('keeps a system that never wins finite, below the others', () => {
    const shutOut = [...times(10, 'A', 'Z', 'a'), ...times(10, 'B', 'Z', 'a'), ...times(5, 'A', 'B', 'a'), ...times(5, 'A', 'B', 'b')];
    const result = bradleyTerry(shutOut, { iterations: 200 });
    expect(result.converged).toBe(true);
    const z = result.ratings.find((r) => r.system === 'Z');
    expect(z?.rank).toBe(3);
    expect(Number.isFinite(z?.rating)).toBe(true);
    // 10.5 of 11 games lost against each: gap to A or B is 400·log10(21) ≈ 529 points.
    expect(result.ratings[0].rating - (z?.rating ?? 0)).toBeCloseTo(400 * Math.log10(21), 6);
  });

  it('rates a listed system with no judgments at the mean, and refuses unknown systems', () => {
    const result = bradleyTerry(times(4, 'A', 'B', 'tie'), { systems: ['A', 'B', 'C'], iterations: 50 });
    expect(result.ratings.map((r) => r.rating)).toEqual([1000, 1000, 1000].map((v) => expect.closeTo(v, 9)));
    expect(result.ratings.map((r) => r.rank)).toEqual([1, 1, 1]);
    expect(() => bradleyTerry(times(1, 'A', 'D', 'a'), { systems: ['A', 'B'] })).toThrow(/"D" is not among/);
    expect(() => bradleyTerry(times(1, 'A', 'A', 'a'))).toThrow(/itself/);
  });

  it('keeps all judgments of a case together when resampling', () => {
    // Every case judges all three pairs; the bootstrap must still run and order A > B > C.
    const perCase = Array.from({ length: 30 }, (_, i): PairwiseJudgment[] => [
      { caseId: `c${i}`, a: 'A', b: 'B', winner: i % 3 === 0 ? 'b' : 'a' },
      { caseId: `c${i}`, a: 'B', b: 'C', winner: i % 3 === 1 ? 'b' : 'a' },
      { caseId: `c${i}`, a: 'A', b: 'C', winner: 'a' },
    ]).flat();
    const result = bradleyTerry(perCase);
    expect(result.ratings.map((r) => r.system)).toEqual(['A', 'B', 'C']);
    expect(result.ratings[0].rankHigh).toBe(1);
  });
});
