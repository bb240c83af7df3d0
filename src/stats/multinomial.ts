// Exact binomial and multinomial draws, for bootstraps that resample a multiset of clusters by
// counts instead of one cluster at a time: drawing n clusters with replacement from K distinct
// kinds is one multinomial draw over the kinds, O(K log n) instead of O(n). With a million cases
// and 2,000 resamples that is the difference between milliseconds and minutes.
//
// The binomial is Knuth's recursive method (TAOCP vol. 2, 3.4.1 F, after Relles): the a-th of n
// uniform order statistics is Beta(a, n + 1 − a); comparing it with p halves the problem, exactly.
// Beta comes from two gammas (Marsaglia & Tsang 2000, "A simple method for generating gamma
// variables"), the normal from Box–Muller. Small n falls back to counting Bernoulli trials.

import type { Random } from './random.js';

/** Below this many trials, count successes one trial at a time. */
const DIRECT_TRIALS = 40;

function standardNormal(random: Random): number {
  // 1 − next() is in (0, 1]: the logarithm stays finite.
  const u = 1 - random.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.next());
}

/** Gamma(shape, 1) for shape ≥ 1 (Marsaglia–Tsang); every shape here is at least 1. */
function gamma(shape: number, random: Random): number {
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = standardNormal(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - random.next();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

function beta(a: number, b: number, random: Random): number {
  const x = gamma(a, random);
  return x / (x + gamma(b, random));
}

/** Successes in `n` independent trials of probability `p`. */
export function sampleBinomial(n: number, p: number, random: Random): number {
  let successes = 0;
  let trials = n;
  let probability = p;
  // Each step keeps the distribution exact: Binomial(trials, probability) + successes.
  while (trials > DIRECT_TRIALS) {
    if (probability <= 0) return successes;
    if (probability >= 1) return successes + trials;
    const a = 1 + Math.floor(trials / 2);
    const b = trials + 1 - a;
    const x = beta(a, b, random);
    if (x >= probability) {
      trials = a - 1;
      probability /= x;
    } else {
      successes += a;
      trials = b - 1;
      probability = (probability - x) / (1 - x);
    }
  }
  for (let i = 0; i < trials; i++) if (random.next() < probability) successes += 1;
  return successes;
}

/** How many of `n` draws fall in each kind, kind k having weight `weights[k]` (weights need not sum to 1). */
export function sampleMultinomial(n: number, weights: readonly number[], random: Random): number[] {
  const counts = new Array<number>(weights.length).fill(0);
  let remainingTrials = n;
  let remainingWeight = weights.reduce((sum, w) => sum + w, 0);
  for (let k = 0; k < weights.length && remainingTrials > 0; k++) {
    if (k === weights.length - 1 || weights[k] >= remainingWeight) {
      counts[k] = remainingTrials;
      break;
    }
    counts[k] = sampleBinomial(remainingTrials, weights[k] / remainingWeight, random);
    remainingTrials -= counts[k];
    remainingWeight -= weights[k];
  }
  return counts;
}
