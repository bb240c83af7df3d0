// Bradley–Terry strengths by the MM algorithm of Hunter (2004), "MM algorithms for generalized
// Bradley–Terry models", Ann. Statist. 32(1), eq. (3), cyclic form: each update provably
// increases the likelihood, so no step size is needed. See bradley-terry.ts for the scale and
// the prior.

export interface FitOptions {
  prior?: number;
  tolerance?: number;
  maxIterations?: number;
  /** Starting strengths (warm start for bootstrap refits). */
  start?: number[];
}

export interface Fit {
  /** Geometric mean 1. */
  strengths: number[];
  iterations: number;
  converged: boolean;
}

/**
 * Fit strengths from a matrix of wins: wins[i][j] = (fractional) wins of i over j. Use directly
 * when results are already aggregated; `bradleyTerry` builds the matrix from judgments.
 * With prior 0 and a system that never wins or never loses there is no finite fit: it returns
 * converged: false, with strengths at or drifting towards 0 or ∞.
 */
export function fitBradleyTerry(wins: readonly (readonly number[])[], options: FitOptions = {}): Fit {
  const { prior = 1, tolerance = 1e-10, maxIterations = 100_000, start } = options;
  const k = wins.length;
  const w = wins.map((row, i) => row.map((value, j) => (i === j ? 0 : value + prior / 2)));
  const totalWins = w.map((row) => row.reduce((sum, value) => sum + value, 0));
  const gamma = start ? [...start] : new Array<number>(k).fill(1);
  let iterations = 0;
  let converged = k < 2;
  while (!converged && iterations < maxIterations) {
    iterations++;
    let largestStep = 0;
    for (let i = 0; i < k; i++) {
      let denominator = 0;
      for (let j = 0; j < k; j++) {
        if (j !== i) denominator += (w[i][j] + w[j][i]) / (gamma[i] + gamma[j]);
      }
      // A system with no games (possible only with prior 0) keeps its strength.
      if (denominator === 0) continue;
      const updated = totalWins[i] / denominator;
      largestStep = Math.max(largestStep, Math.abs(Math.log(updated / gamma[i])));
      gamma[i] = updated;
    }
    // A strength of 0 or ∞ (a shut-out with prior 0) has no finite MLE: report, don't loop.
    if (!Number.isFinite(largestStep)) break;
    normalize(gamma);
    converged = largestStep < tolerance;
  }
  return { strengths: gamma, iterations, converged };
}

/** Scale to geometric mean 1 so strengths are comparable between fits. */
function normalize(gamma: number[]): void {
  const logMean = gamma.reduce((sum, g) => sum + Math.log(g), 0) / gamma.length;
  if (!Number.isFinite(logMean)) return;
  const scale = Math.exp(logMean);
  for (let i = 0; i < gamma.length; i++) gamma[i] /= scale;
}

/** Elo-like ratings with mean 1000 from strengths (see the file header). */
export function strengthsToRatings(strengths: readonly number[]): number[] {
  const raw = strengths.map((g) => 400 * Math.log10(g));
  const shift = 1000 - raw.reduce((sum, r) => sum + r, 0) / raw.length;
  return raw.map((r) => r + shift);
}
