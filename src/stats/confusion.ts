// Errors by kind for a yes/no decision: the confusion matrix and the rates PMs argue about
// ("it over-triggers": false-positive rate; "it misses": recall). Proportions get Wilson
// intervals; F1, balanced accuracy and the expected cost are not proportions of one count, so
// they get a case-clustered percentile bootstrap (repeats of a case stay together).

import { bootstrapVector } from './bootstrap.js';
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

function total(cells: readonly Cells[]): Cells {
  const sum = { tp: 0, fp: 0, tn: 0, fn: 0 };
  for (const c of cells) {
    sum.tp += c.tp;
    sum.fp += c.fp;
    sum.tn += c.tn;
    sum.fn += c.fn;
  }
  return sum;
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

/**
 * The matrix and its rates from each case's cells. One entry per case (not per result), so the
 * bootstrap resamples cases and a case's repeats move together.
 */
export function confusionMetrics(cases: readonly Cells[], options: ConfusionOptions = {}): ConfusionMetrics {
  const sum = total(cases);
  const { costs, seed = 1, iterations = 2000 } = options;
  const statistic = (sample: readonly Cells[]): number[] => {
    const c = total(sample);
    return costs ? [f1Of(c), balancedAccuracyOf(c), costOf(c, costs)] : [f1Of(c), balancedAccuracyOf(c)];
  };
  const boot = bootstrapVector({ clusters: cases, statistic, seed, iterations });
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
