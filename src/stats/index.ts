// The statistics the verdicts rest on: pure functions, no dependencies, no I/O.

export { mcnemarExact, type McNemarResult } from './mcnemar.js';
export { binomialPmf, binomialHalfUpperTail } from './binomial.js';
export { wilsonInterval, Z_95, type Interval } from './wilson.js';
export { normalQuantile, zForConfidence } from './normal.js';
export { createRandom, type Random } from './random.js';
export {
  pairedBootstrap,
  bootstrapDifference,
  bootstrapVector,
  resampleClusters,
  type BootstrapOptions,
  type PairedBootstrapInput,
  type PairedScores,
  type VectorInterval,
} from './bootstrap.js';
export { type PairwiseJudgment, scoreForA, groupByCase } from './judgment.js';
export { computeWinRate, type WinRateOptions, type WinRateResult } from './win-rate.js';
export {
  bradleyTerry,
  type BradleyTerryOptions,
  type BradleyTerryResult,
  type SystemRating,
} from './bradley-terry.js';
export { fitBradleyTerry, strengthsToRatings, type Fit, type FitOptions } from './bradley-terry-fit.js';
export { percentile, quantile, mean, summarize, type Summary } from './describe.js';
