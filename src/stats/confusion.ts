// Errors by kind for a yes/no decision: the confusion matrix and the rates PMs argue about
// ("it over-triggers": false-positive rate; "it misses": recall). Proportions get Wilson
// intervals; F1, balanced accuracy and the expected cost are not proportions of one count, so
// they get a case-clustered percentile bootstrap (repeats of a case stay together), drawn by
// counts over the few distinct per-case patterns so a million cases cost what a hundred do.

import { bootstrapCounts } from './bootstrap.js';
import { wilsonInterval, type Interval } from './wilson.js';

/** One case's decisions (over its repeats): true/false positives and negatives. */
export interface Cells {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

/** What each kind of error costs, in the suite's own units (minutes of a user's time, dollars, points). */
export interface ErrorCosts {
  falsePositive: number;
  falseNegative: number;
}

/** A rate with its 95% interval; null when the rate is undefined (nothing in its denominator). */
type Rate = Interval | null;

export interface ConfusionMetrics extends Cells {
  /** TP / (TP + FP): of the times it acted, how often it should have. */
  precision: Rate;
  /** TP / (TP + FN): of the times it should have acted, how often it did. */
  recall: Rate;
  /** FP / (FP + TN): of the times it should have held back, how often it acted anyway. */
  falsePositiveRate: Rate;
  f1: Rate;
  /** (recall + specificity) / 2: accuracy that a lopsided label mix cannot flatter. */
  balancedAccuracy: Rate;
  /** Expected cost per decision: (FP·cost_fp + FN·cost_fn) / decisions; present when costs are given. */
  costPerCase?: Rate;
}

export interface ConfusionOptions {
  costs?: ErrorCosts;
  /** Bootstrap seed: the same data always give the same interval. */
  seed?: number;
  iterations?: number;
}

function wilsonRate(successes: number, n: number): Rate {
  return n === 0 ? null : wilsonInterval(successes, n);
}

function f1Of(c: Cells): number {
  const denominator = 2 * c.tp + c.fp + c.fn;
  return denominator === 0 ? Number.NaN : (2 * c.tp) / denominator;
}

function balancedAccuracyOf(c: Cells): number {
  const positives = c.tp + c.fn;
  const negatives = c.tn + c.fp;
  // With only one kind of label there is no balance to take: undefined, not the one rate alone.
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (c.tp / positives + c.tn / negatives) / 2;
}

function costOf(c: Cells, costs: ErrorCosts): number {
  const n = c.tp + c.fp + c.tn + c.fn;
  return n === 0 ? Number.NaN : (c.fp * costs.falsePositive + c.fn * costs.falseNegative) / n;
}

function toRate(estimate: number, low: number, high: number): Rate {
  return Number.isFinite(estimate) ? { estimate, low: Number.isFinite(low) ? low : estimate, high: Number.isFinite(high) ? high : estimate } : null;
}

/** Cases that decided alike (the same cells over their repeats), and how many of them. */
export interface CellPattern {
  cells: Cells;
  count: number;
}

/** Each case's cells, grouped into patterns in a fixed order (so the seeded bootstrap sees the same list every time). */
function patternsOf(cases: readonly Cells[]): CellPattern[] {
  const patterns = new Map<string, CellPattern>();
  for (const cells of cases) countPattern(patterns, { ...cells });
  return sortedPatterns(patterns);
}

/** One more case with these cells (kept as given when the pattern is new). */
export function countPattern(patterns: Map<string, CellPattern>, cells: Cells): void {
  const key = `${cells.tp},${cells.fp},${cells.tn},${cells.fn}`;
  const pattern = patterns.get(key);
  if (pattern) pattern.count += 1;
  else patterns.set(key, { cells, count: 1 });
}

export function sortedPatterns(patterns: Map<string, CellPattern>): CellPattern[] {
  return [...patterns.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, p]) => p);
}

/**
 * The matrix and its rates from each case's cells. One entry per case (not per result), so the
 * bootstrap resamples cases and a case's repeats move together.
 */
export function confusionMetrics(cases: readonly Cells[], options: ConfusionOptions = {}): ConfusionMetrics {
  return confusionMetricsOfPatterns(patternsOf(cases), options);
}

/** {@link confusionMetrics} from cases already grouped by pattern (what a run's tally keeps). */
export function confusionMetricsOfPatterns(patterns: readonly CellPattern[], options: ConfusionOptions = {}): ConfusionMetrics {
  const { costs, seed = 1, iterations = 2000 } = options;
  const weighted = (counts: readonly number[]): Cells => {
    const sum = { tp: 0, fp: 0, tn: 0, fn: 0 };
    patterns.forEach(({ cells }, k) => {
      sum.tp += counts[k] * cells.tp;
      sum.fp += counts[k] * cells.fp;
      sum.tn += counts[k] * cells.tn;
      sum.fn += counts[k] * cells.fn;
    });
    return sum;
  };
  const sum = weighted(patterns.map((p) => p.count));
  const statistic = (counts: readonly number[]): number[] => {
    const c = weighted(counts);
    return costs ? [f1Of(c), balancedAccuracyOf(c), costOf(c, costs)] : [f1Of(c), balancedAccuracyOf(c)];
  };
  const boot = bootstrapCounts({ counts: patterns.map((p) => p.count), statistic, seed, iterations });
  return {
    ...sum,
    precision: wilsonRate(sum.tp, sum.tp + sum.fp),
    recall: wilsonRate(sum.tp, sum.tp + sum.fn),
    falsePositiveRate: wilsonRate(sum.fp, sum.fp + sum.tn),
    f1: toRate(boot.estimate[0], boot.low[0], boot.high[0]),
    balancedAccuracy: toRate(boot.estimate[1], boot.low[1], boot.high[1]),
    ...(costs ? { costPerCase: toRate(boot.estimate[2], boot.low[2], boot.high[2]) } : {}),
  };
}
