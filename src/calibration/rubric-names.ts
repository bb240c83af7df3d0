import { DEFAULT_RUBRIC_NAME } from '../checks/rubric.js';
import type { CheckSpec } from '../types.js';

// Which rubrics a suite has, and the sheet columns where people label each one. One rubric needs no
// name: its labels are in `human_verdict`. With several, each names its column: `human_verdict:<name>`.

export interface RubricRef {
  name: string;
  grader: string;
}

/** The suite's (or run's) rubric checks, by name, in order. */
export function rubricsOf(checks: readonly CheckSpec[]): RubricRef[] {
  return checks.filter((c) => c.type === 'rubric').map((c) => ({ name: typeof c.name === 'string' ? c.name : DEFAULT_RUBRIC_NAME, grader: String(c.grader) }));
}

/** The columns a rubric's human verdict may be in: `human_verdict:<name>`, and `human_verdict` when it is the suite's only rubric. */
export function verdictColumns(rubric: string, single: boolean): string[] {
  return [`human_verdict:${rubric}`, ...(single ? ['human_verdict'] : [])];
}

/** Where people say why (optional): `human_reason:<name>`, or `human_reason` for the only rubric. */
export function reasonColumns(rubric: string, single: boolean): string[] {
  return [`human_reason:${rubric}`, ...(single ? ['human_reason'] : [])];
}
