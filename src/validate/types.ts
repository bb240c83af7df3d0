import type { Problem } from '../errors.js';

/**
 * error: the eval is wrong and `evals validate` exits 2 (a duplicated case, an ideal that fails its
 * own check). warning: probably a mistake, worth a look, does not fail. info: numbers worth knowing.
 */
export type Severity = 'error' | 'warning' | 'info';

/** One lint result, located like a Problem so it prints as `datasets/x.csv:14: column "y": message`. */
export interface Finding extends Problem {
  severity: Severity;
}

export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
