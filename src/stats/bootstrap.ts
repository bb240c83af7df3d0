// Case-clustered percentile bootstrap (Efron & Tibshirani 1993, ch. 13; clustering as in
// Field & Welsh 2007, "Bootstrapping clustered data"). Repeats and both-order judgments
// of one case are correlated, so the case — not the single judgment — is what we resample;
// resampling judgments would give intervals that are too narrow.

import { quantile, mean } from './describe.js';
import { sampleMultinomial } from './multinomial.js';
import { createRandom, type Random } from './random.js';
import type { Interval } from './wilson.js';

export interface BootstrapOptions {
  /** Resamples; 2000 keeps the 2.5% / 97.5% percentiles stable to about ±0.005 on a rate. */
  iterations?: number;
  /** PRNG seed: the same seed and data always give the same interval. */
  seed?: number;
  /** Two-sided coverage, e.g. 0.95. */
  confidence?: number;
}

export interface PairedBootstrapInput<T> extends BootstrapOptions {
  /** One entry per case: everything that must stay together when resampling. */
  clusters: readonly T[];
  /** The statistic, computed on a list of clusters (the original, or a resample of it). */
  statistic: (sample: readonly T[]) => number;
}

export interface VectorBootstrapInput<T> extends BootstrapOptions {
  clusters: readonly T[];
  /** A fixed-length vector statistic (e.g. one rating per system). */
  statistic: (sample: readonly T[]) => number[];
}

export interface VectorInterval {
  estimate: number[];
  low: number[];
  high: number[];
  /** Replicates per coordinate, for callers that need more than the interval (e.g. rank ranges). */
  replicates: number[][];
}

/** Draw clusters.length clusters with replacement. */
function resampleClusters<T>(clusters: readonly T[], random: Random): T[] {
  const sample = new Array<T>(clusters.length);
  for (let i = 0; i < clusters.length; i++) sample[i] = clusters[random.nextInt(clusters.length)];
  return sample;
}

function checkOptions(iterations: number, confidence: number): void {
  if (!Number.isInteger(iterations) || iterations < 1) {
    throw new RangeError(`bootstrap: iterations must be a positive integer, got ${iterations}`);
  }
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`bootstrap: confidence must be in (0, 1), got ${confidence}`);
  }
}

/** Percentile interval of replicates; non-finite replicates (statistic undefined on that resample) are dropped. */
function percentileBounds(replicates: number[], confidence: number): { low: number; high: number } {
  const finite = replicates.filter(Number.isFinite).sort((x, y) => x - y);
  const alpha = (1 - confidence) / 2;
  return { low: quantile(finite, alpha), high: quantile(finite, 1 - alpha) };
}

/**
 * Bootstrap a vector statistic over resampled clusters: one percentile interval per coordinate,
 * all coordinates from the same resamples (so they stay jointly consistent). Use for ratings.
 */
export function bootstrapVector<T>(input: VectorBootstrapInput<T>): VectorInterval {
  const { clusters, statistic, iterations = 2000, seed = 1, confidence = 0.95 } = input;
  checkOptions(iterations, confidence);
  const estimate = statistic(clusters);
  if (clusters.length === 0) {
    const nan = estimate.map(() => Number.NaN);
    return { estimate, low: nan, high: [...nan], replicates: estimate.map(() => []) };
  }
  const random = createRandom(seed);
  const replicates: number[][] = estimate.map(() => new Array<number>(iterations));
  for (let r = 0; r < iterations; r++) {
    const values = statistic(resampleClusters(clusters, random));
    for (let k = 0; k < estimate.length; k++) replicates[k][r] = values[k];
  }
  const bounds = replicates.map((column) => percentileBounds(column, confidence));
  return { estimate, low: bounds.map((b) => b.low), high: bounds.map((b) => b.high), replicates };
}

/**
 * {@link bootstrapVector} for clusters that come in a few kinds, each with a count (a million cases
 * whose decisions take four patterns): resampling n clusters with replacement is one multinomial
 * draw over the kinds, so each resample costs O(kinds), not O(n). The statistic sees how many
 * clusters of each kind the resample holds (the original counts for the estimate). Same
 * distribution as resampling the clusters one by one; not the same random stream.
 */
export function bootstrapCounts(input: { counts: readonly number[]; statistic: (counts: readonly number[]) => number[] } & BootstrapOptions): Omit<VectorInterval, 'replicates'> {
  const { counts, statistic, iterations = 2000, seed = 1, confidence = 0.95 } = input;
  checkOptions(iterations, confidence);
  const estimate = statistic(counts);
  const n = counts.reduce((sum, c) => sum + c, 0);
  if (n === 0) {
    const nan = estimate.map(() => Number.NaN);
    return { estimate, low: nan, high: [...nan] };
  }
  const random = createRandom(seed);
  const replicates: number[][] = estimate.map(() => new Array<number>(iterations));
  for (let r = 0; r < iterations; r++) {
    const values = statistic(sampleMultinomial(n, counts, random));
    for (let k = 0; k < estimate.length; k++) replicates[k][r] = values[k];
  }
  const bounds = replicates.map((column) => percentileBounds(column, confidence));
  return { estimate, low: bounds.map((b) => b.low), high: bounds.map((b) => b.high) };
}

/**
 * Case-clustered percentile bootstrap of a scalar statistic. Use when one case contributes
 * several correlated observations (repeats, both judging orders); with exactly one
 * observation per case and a proportion, {@link wilsonInterval} is simpler and as good.
 * No clusters gives NaN everywhere.
 */
export function pairedBootstrap<T>(input: PairedBootstrapInput<T>): Interval {
  const { statistic, ...rest } = input;
  const result = bootstrapVector({ ...rest, statistic: (sample) => [statistic(sample)] });
  return { estimate: result.estimate[0], low: result.low[0], high: result.high[0] };
}

/** Two systems' scores on one case (e.g. pass rate over repeats, or a mean judge score). */
export interface PairedScores {
  a: number;
  b: number;
}

/**
 * Interval for mean(a) − mean(b) over cases, resampling cases so each case's two scores stay
 * paired. Use for "is the new system's pass rate higher on the same cases?" with scores that are
 * not 0/1 (averaged repeats, graded checks); for 0/1 outcomes McNemar answers the yes/no question.
 */
export function bootstrapDifference(input: { cases: readonly PairedScores[] } & BootstrapOptions): Interval {
  const { cases, ...options } = input;
  return pairedBootstrap({
    ...options,
    clusters: cases,
    statistic: (sample) => mean(sample.map((s) => s.a - s.b)),
  });
}
