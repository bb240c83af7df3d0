import { costsSchema } from '../schema/suite-file.js';
import type { CheckResult, CheckSpec, Verdict } from '../types.js';
import { columnOf } from './template-options.js';
import type { CheckDefinition } from './types.js';

// A decision check answers a yes/no question against the case's label ("should Canvas open?"), so
// its results can be counted by kind of error (store/decision-tally.ts). Two ways to be one: a check
// whose own option is the label (`tool-called`'s `expect: "{{should_trigger}}"`), or any check given
// the generic `label:`, where the check says whether the behaviour happened and the label whether it should.

/** The label column a check answers to, or undefined when it is not a decision. */
function decisionColumn(spec: CheckSpec, definition: CheckDefinition | undefined): string | undefined {
  if (spec.label !== undefined) return columnOf(spec.label);
  return definition?.decisionLabel ? columnOf(spec[definition.decisionLabel]) : undefined;
}

/** Load-time problems with the generic `label:` and `costs:` options. */
export function decisionProblems(spec: CheckSpec, definition: CheckDefinition | undefined): string[] {
  const problems: string[] = [];
  if (spec.label !== undefined && columnOf(spec.label) === undefined) problems.push(`label: must name a yes/no column, like "{{should_refuse}}"`);
  if (spec.label !== undefined && definition?.decisionLabel && spec[definition.decisionLabel] !== undefined) {
    problems.push(`${spec.type}: use ${definition.decisionLabel} or label, not both (both say what the case should do)`);
  }
  if (spec.costs !== undefined) {
    const parsed = costsSchema.safeParse(spec.costs);
    if (!parsed.success) problems.push(`costs: ${parsed.error.issues.map((i) => `${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}`).join('; ')}`);
    else if (decisionColumn(spec, definition) === undefined) problems.push('costs: only a check with a yes/no label column has errors to cost (add label: "{{column}}")');
  }
  return problems;
}

/**
 * The check's result with its decision recorded. Under `label:` the check's own verdict is what the
 * system did (positive: the behaviour happened), and the result passes when that matches the label.
 */
export function withDecision(spec: CheckSpec, definition: CheckDefinition, resolved: { options: unknown; expected?: boolean }, verdict: Verdict): CheckResult {
  const diff = verdict.diff === undefined ? {} : { diff: verdict.diff };
  if (resolved.expected !== undefined) {
    const expected = resolved.expected;
    const predicted = verdict.pass;
    const said = expected ? 'yes' : 'no';
    const reason = predicted === expected ? `labelled ${said}: ${verdict.reason}` : `labelled ${said}, but ${verdict.reason}`;
    return { spec, pass: predicted === expected, reason, decision: { expected, predicted }, ...diff };
  }
  const column = decisionColumn(spec, definition);
  const expected = definition.decisionLabel ? (resolved.options as Record<string, unknown> | undefined)?.[definition.decisionLabel] : undefined;
  if (column === undefined || typeof expected !== 'boolean') return { spec, pass: verdict.pass, reason: verdict.reason, ...diff };
  // The check passed when it did what the label says, so what it did is the label, or its opposite.
  return { spec, pass: verdict.pass, reason: verdict.reason, decision: { expected, predicted: verdict.pass ? expected : !expected }, ...diff };
}
