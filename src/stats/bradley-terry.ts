// Bradley–Terry ratings for several systems from pairwise judgments (Bradley & Terry 1952),
// fitted by the MM algorithm of Hunter (2004), "MM algorithms for generalized Bradley–Terry
// models", Ann. Statist. 32(1), eq. (3), in its cyclic form. A tie counts as half a win to
// each side (the same convention as win-rate.ts).
//
// Scale: rating = 1000 + 400·log10(strength), shifted so the mean rating is exactly 1000.
// Then P(i beats j) = 1 / (1 + 10^((Rj − Ri)/400)), the Elo formula: a 400-point gap is 10:1
// odds, 190.8 points is 3:1. Only differences mean anything; the 1000 anchor is cosmetic.
//
// Prior: `prior` virtual games, split as a tie, are added between EVERY pair of systems
// (default 1, i.e. ½ a win each way). Without it a system that never wins (or never loses)
// has a maximum-likelihood strength of 0 (∞) and MM crawls towards it forever; a pair that was
// never compared, directly or through others, has no defined gap at all. One virtual tie per
// pair bounds both and pulls unconnected systems together, and is negligible once a pair has
// a few dozen real comparisons. Pass prior: 0 for the plain MLE on well-connected data.

import { bootstrapVector, type BootstrapOptions } from './bootstrap.js';
import { quantile } from './describe.js';
import { fitBradleyTerry, strengthsToRatings } from './bradley-terry-fit.js';
import { groupByCase, scoreForA, type PairwiseJudgment } from './judgment.js';

export interface BradleyTerryOptions extends BootstrapOptions {
  /** Systems to rate, in this order for ties in rank; default: every system in the judgments. */
  systems?: string[];
  /** Virtual tied games between every pair of systems (see the file header). Default 1. */
  prior?: number;
  /** Stop when no log-strength moves by more than this. Default 1e-10. */
  tolerance?: number;
  maxIterations?: number;
}

export interface SystemRating {
  system: string;
  /** Elo-like rating; mean over systems is 1000. */
  rating: number;
  /** Case-clustered bootstrap percentile interval of the rating. */
  low: number;
  high: number;
  /** 1 = best; equal ratings share a rank (1, 2, 2, 4). */
  rank: number;
  /** Bootstrap interval of the rank: a system whose rankLow is 1 may be the best. */
  rankLow: number;
  rankHigh: number;
  /** Bradley–Terry strength; geometric mean over systems is 1. */
  strength: number;
  wins: number;
  losses: number;
  ties: number;
  comparisons: number;
}

export interface BradleyTerryResult {
  /** Best first. */
  ratings: SystemRating[];
  iterations: number;
  converged: boolean;
  prior: number;
}

/** Competition ranks, 1 = highest value; values within 1e-9 share a rank. */
function ranks(values: readonly number[]): number[] {
  return values.map((v) => 1 + values.filter((other) => other > v + 1e-9).length);
}

interface Scored {
  caseId: string;
  i: number;
  j: number;
  /** Score of system i against system j. */
  score: number;
}

function winMatrix(judgments: readonly Scored[], k: number): number[][] {
  const wins = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (const { i, j, score } of judgments) {
    wins[i][j] += score;
    wins[j][i] += 1 - score;
  }
  return wins;
}

/**
 * Bradley–Terry ratings with case-clustered bootstrap intervals and ranks, for three or more
 * systems judged pairwise (two work too; then prefer computeWinRate). Bootstrap resamples whole
 * cases, seeded, so the same data always gives the same table. Throws RangeError on a judgment
 * of a system against itself, or of a system not in `options.systems`.
 */
export function bradleyTerry(judgments: readonly PairwiseJudgment[], options: BradleyTerryOptions = {}): BradleyTerryResult {
  const { systems: listed, prior = 1, tolerance, maxIterations, ...bootstrapOptions } = options;
  const systems = listed ? [...listed] : [...new Set(judgments.flatMap((j) => [j.a, j.b]))];
  const index = new Map(systems.map((name, i) => [name, i]));
  const scored: Scored[] = judgments.map((j) => {
    const i = index.get(j.a);
    const other = index.get(j.b);
    if (i === undefined || other === undefined) {
      throw new RangeError(`case ${j.caseId}: system "${i === undefined ? j.a : j.b}" is not among ${systems.join(', ')}`);
    }
    if (i === other) throw new RangeError(`case ${j.caseId}: "${j.a}" is compared with itself`);
    return { caseId: j.caseId, i, j: other, score: scoreForA(j) };
  });

  const k = systems.length;
  const fit = fitBradleyTerry(winMatrix(scored, k), { prior, tolerance, maxIterations });
  const boot = bootstrapVector({
    ...bootstrapOptions,
    clusters: groupByCase(scored),
    statistic: (sample) => {
      const refit = fitBradleyTerry(winMatrix(sample.flat(), k), {
        prior,
        tolerance,
        maxIterations,
        start: fit.strengths,
      });
      return strengthsToRatings(refit.strengths);
    },
  });
  const rating = boot.estimate;
  const rank = ranks(rating);
  const confidence = bootstrapOptions.confidence ?? 0.95;
  const alpha = (1 - confidence) / 2;
  const replicateCount = boot.replicates[0]?.length ?? 0;
  const replicateRanks = Array.from({ length: replicateCount }, (_, r) => ranks(boot.replicates.map((col) => col[r])));
  const rankInterval = (i: number): [number, number] => {
    if (replicateCount === 0) return [rank[i], rank[i]];
    const sorted = replicateRanks.map((rs) => rs[i]).sort((x, y) => x - y);
    return [Math.round(quantile(sorted, alpha)), Math.round(quantile(sorted, 1 - alpha))];
  };

  const ratings: SystemRating[] = systems.map((system, i) => {
    const own = scored.flatMap((s) => (s.i === i ? [s.score] : s.j === i ? [1 - s.score] : []));
    const [rankLow, rankHigh] = rankInterval(i);
    return {
      system,
      rating: rating[i],
      low: boot.low[i],
      high: boot.high[i],
      rank: rank[i],
      rankLow,
      rankHigh,
      strength: fit.strengths[i],
      wins: own.filter((s) => s > 0.5).length,
      losses: own.filter((s) => s < 0.5).length,
      ties: own.filter((s) => s === 0.5).length,
      comparisons: own.length,
    };
  });
  ratings.sort((x, y) => x.rank - y.rank);
  return { ratings, iterations: fit.iterations, converged: fit.converged, prior };
}
