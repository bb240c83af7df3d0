import { ConfigurationError } from '../errors.js';
import type { Case } from '../types.js';
import { reasonColumns, verdictColumns } from './rubric-names.js';

// People's pass/fail for a rubric, typed in the sheet. An empty cell is "not labelled"; anything that
// is not pass/fail (or yes/no) is the row's error, never a silent guess.

export interface HumanLabel {
  pass: boolean;
  reason?: string;
}

const PASS = new Set(['pass', 'passed', 'yes', 'y', 'true', '1']);
const FAIL = new Set(['fail', 'failed', 'no', 'n', 'false', '0']);

/** The label a case's row gives a rubric, or undefined when its cell is empty or missing. Throws for a bad cell, naming file, row and column. */
export function sheetLabel(kase: Case, rubric: string, single: boolean): HumanLabel | undefined {
  const column = verdictColumns(rubric, single).find((c) => (kase.columns[c] ?? '').trim() !== '');
  if (!column) return undefined;
  const text = kase.columns[column].trim().toLowerCase();
  const pass = PASS.has(text) ? true : FAIL.has(text) ? false : undefined;
  if (pass === undefined) {
    throw new ConfigurationError(`${kase.file}:${kase.row}: column "${column}": ${JSON.stringify(kase.columns[column])} is not pass or fail (use pass, fail, yes or no)`);
  }
  const reasonColumn = reasonColumns(rubric, single).find((c) => (kase.columns[c] ?? '').trim() !== '');
  return { pass, ...(reasonColumn ? { reason: kase.columns[reasonColumn].trim() } : {}) };
}

/** Whether a dataset's header has a verdict column for the rubric: what `min_grader_agreement` needs when no calibration is saved. */
export function hasVerdictColumn(columns: readonly string[], rubric: string, single: boolean): boolean {
  return verdictColumns(rubric, single).some((c) => columns.includes(c));
}
