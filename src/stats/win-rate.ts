// Win rate of one system against one other, from pairwise judgments. A tie counts as
// half a win to each side (the usual convention, e.g. Chatbot Arena / AlpacaEval), so
// winRate + opponent's winRate = 1.

import { pairedBootstrap, type BootstrapOptions } from './bootstrap.js';
import { groupByCase, scoreForA, type PairwiseJudgment } from './judgment.js';
import { zForConfidence } from './normal.js';
import { wilsonInterval, type Interval } from './wilson.js';

export interface WinRateOptions extends BootstrapOptions {
  /** The system whose win rate is reported; default: the first judgment's A. */
  system?: string;
}

export interface WinRateResult {
  system: string;
  opponent: string;
  /** Judgments. */
  n: number;
  /** Distinct cases; fewer than n means repeats (or both judging orders). */
  cases: number;
  /** A graded preference counts as a win above ½, a loss below, a tie at ½. */
  wins: number;
  losses: number;
  ties: number;
  /** (wins + ties/2) / n, or the mean preference for graded judgments. NaN when n = 0. */
  winRate: number;
  /** Wilson interval treating judgments as independent. */
  wilson: Interval;
  /** Case-clustered bootstrap interval. */
  bootstrap: Interval;
  /** The interval to show: bootstrap when a case was judged more than once, else Wilson. */
  interval: Interval;
  intervalMethod: 'wilson' | 'bootstrap';
}

/**
 * Win rate of `system` against the one other system in `judgments`, with a Wilson and a
 * case-clustered bootstrap interval. Use for "does the new model beat the old one?".
 * Judgments may show either system as A. Throws RangeError when judgments involve more than
 * two systems (rate three or more systems with `bradleyTerry`) or lack a verdict.
 */
export function computeWinRate(judgments: readonly PairwiseJudgment[], options: WinRateOptions = {}): WinRateResult {
  const { system: requested, confidence = 0.95, ...bootstrapOptions } = options;
  const system = requested ?? judgments[0]?.a ?? '';
  const first = judgments.find((j) => j.a === system || j.b === system);
  const opponent = first ? (first.a === system ? first.b : first.a) : '';
  if (judgments.length > 0 && !first) throw new RangeError(`no judgment involves system "${system}"`);

  const scored = judgments.map((j) => {
    if (!((j.a === system && j.b === opponent) || (j.a === opponent && j.b === system))) {
      throw new RangeError(`case ${j.caseId} compares "${j.a}" with "${j.b}", expected "${system}" vs "${opponent}"`);
    }
    const score = scoreForA(j);
    return { caseId: j.caseId, score: j.a === system ? score : 1 - score };
  });

  const total = scored.reduce((sum, s) => sum + s.score, 0);
  const n = scored.length;
  const clusters = groupByCase(scored);
  const wilson = wilsonInterval(Math.min(total, n), n, zForConfidence(confidence));
  const bootstrap =
    n === 0
      ? { estimate: Number.NaN, low: 0, high: 1 }
      : pairedBootstrap({
          ...bootstrapOptions,
          confidence,
          clusters,
          statistic: (sample) => {
            let sum = 0;
            let count = 0;
            for (const cluster of sample) {
              for (const s of cluster) sum += s.score;
              count += cluster.length;
            }
            return sum / count;
          },
        });
  const intervalMethod = clusters.length < n ? 'bootstrap' : 'wilson';
  return {
    system,
    opponent,
    n,
    cases: clusters.length,
    wins: scored.filter((s) => s.score > 0.5).length,
    losses: scored.filter((s) => s.score < 0.5).length,
    ties: scored.filter((s) => s.score === 0.5).length,
    winRate: n === 0 ? Number.NaN : total / n,
    wilson,
    bootstrap,
    interval: intervalMethod === 'bootstrap' ? bootstrap : wilson,
    intervalMethod,
  };
}
