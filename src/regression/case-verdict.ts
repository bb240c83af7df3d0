import type { ResultStatus } from '../types.js';
import type { SnapshotResult } from './snapshot.js';

/** How a case's repeats become one verdict: every repeat passes (pass^k) or most do. */
export type RepeatPolicy = 'all' | 'majority';

export interface CaseVerdict {
  status: ResultStatus;
  passes: number;
  fails: number;
  errors: number;
  /** Some repeats passed and some failed. */
  flaky: boolean;
  /** pass@k: at least one repeat passed. */
  passAtK: boolean;
  /** pass^k: every repeat passed. */
  passHatK: boolean;
}

/**
 * Errors are never folded into pass or fail: a case errors when no repeat produced an output,
 * otherwise it is judged on the repeats that did.
 */
export function caseVerdict(results: SnapshotResult[], policy: RepeatPolicy): CaseVerdict {
  let passes = 0;
  let fails = 0;
  let errors = 0;
  for (const r of results) {
    if (r.status === 'pass') passes += 1;
    else if (r.status === 'fail') fails += 1;
    else errors += 1;
  }
  return verdictOfCounts(passes, fails, errors, policy);
}

/** {@link caseVerdict} from the counts alone: all a verdict depends on (so a list of them can be kept as numbers). */
export function verdictOfCounts(passes: number, fails: number, errors: number, policy: RepeatPolicy): CaseVerdict {
  const scored = passes + fails;
  const passed = policy === 'all' ? scored > 0 && fails === 0 && errors === 0 : passes * 2 > scored;
  const status: ResultStatus = scored === 0 || (policy === 'all' && errors > 0 && fails === 0) ? 'error' : passed ? 'pass' : 'fail';
  return { status, passes, fails, errors, flaky: passes > 0 && fails > 0, passAtK: passes > 0, passHatK: scored > 0 && passes === passes + fails + errors };
}
