import { ConfigurationError } from '../errors.js';
import type { GraderStanding } from '../checks/types.js';
import type { GateBlock } from '../schema/suite-file.js';
import type { CheckSpec, Case } from '../types.js';
import { calibrateRun, type RubricCalibration } from './calibrate-run.js';
import { readCalibration, type SavedCalibration } from './calibration-file.js';
import { hasVerdictColumn, sheetLabel } from './human-labels.js';
import { rubricsOf, verdictColumns, type RubricRef } from './rubric-names.js';

// The gate rule `min_grader_agreement`: a rubric's grader must agree with people (Cohen's kappa) at
// least this much. Without any calibration data the rule cannot be met, and that is said before any
// model is called rather than passed in silence.

type Rule = GateBlock['min_grader_agreement'];

/** The bar for one rubric, when the rule sets one. */
function agreementMin(rule: Rule, rubric: string): number | undefined {
  return typeof rule === 'number' ? rule : rule?.[rubric];
}

function kappaText(value: number | null): string {
  return value === null ? 'undefined' : value.toFixed(2);
}

/** The calibration a rubric is judged by: this run's labels when it has some, else the saved one for the same grader. */
function calibrationOf(
  rubric: RubricRef,
  fromRun: RubricCalibration[],
  saved: Record<string, SavedCalibration>,
): { kappa: number | null; low: number | null; high: number | null; n: number; where: string } | undefined {
  const run = fromRun.find((c) => c.rubric === rubric.name && c.n > 0);
  if (run) return { ...run, where: 'labelled in this run' };
  const entry = saved[rubric.name];
  return entry && entry.grader === rubric.grader ? { ...entry, where: `calibration.json, run ${entry.runId}` } : undefined;
}

/** One failure per rubric whose grader is below its bar or has no calibration, and the rules applied. */
export function graderAgreementGate(suite: string, checks: CheckSpec[], rule: Rule, fromRun: RubricCalibration[], saved: Record<string, SavedCalibration>): { failures: string[]; rules: string[] } {
  const failures: string[] = [];
  const rules: string[] = [];
  for (const rubric of rubricsOf(checks)) {
    const min = agreementMin(rule, rubric.name);
    if (min === undefined) continue;
    rules.push(`min_grader_agreement ${min.toFixed(2)} (${rubric.name})`);
    const found = calibrationOf(rubric, fromRun, saved);
    if (!found) failures.push(`${suite}: rubric ${rubric.name}: grader ${rubric.grader} is not calibrated (no labelled outputs), min_grader_agreement ${min.toFixed(2)}`);
    else if (found.kappa === null || found.kappa < min) {
      failures.push(
        `${suite}: rubric ${rubric.name}: grader agreement kappa ${kappaText(found.kappa)} [95% ${kappaText(found.low)}, ${kappaText(found.high)}] on ${found.n} labelled outputs (${found.where}) is below min_grader_agreement ${min.toFixed(2)}`,
      );
    }
  }
  return { failures, rules };
}

/**
 * `min_grader_agreement` for a finished run (evals run, merge and report --gate alike): its own labels,
 * else reports/<suite>/calibration.json. Undefined when the rule is not set or there is no rubric.
 */
export async function measureGraderAgreement(runDir: string, suite: string, checks: CheckSpec[], gate: GateBlock, reportsDir: string): Promise<{ failures: string[]; rules: string[] } | undefined> {
  const rule = gate.min_grader_agreement;
  if (rule === undefined || !rubricsOf(checks).length) return undefined;
  return graderAgreementGate(suite, checks, rule, await calibrateRun(runDir), readCalibration(reportsDir, suite));
}

/** What a run tells each rubric check about its grader: its saved kappa (for the same grader) and the bar. */
export function standingFrom(saved: Record<string, SavedCalibration>, rule: Rule): (rubric: string, grader: string) => GraderStanding {
  return (rubric, grader) => {
    const min = agreementMin(rule, rubric);
    const entry = saved[rubric];
    const calibrated = entry && entry.grader === grader && entry.kappa !== null ? { kappa: entry.kappa, n: entry.n } : {};
    return { ...calibrated, ...(min !== undefined ? { min } : {}) };
  };
}

/**
 * Before any model call: every human verdict cell must be pass or fail, the rule must name rubrics that
 * exist, and each rubric it sets a bar for needs labels in the dataset or a saved calibration.
 */
export function checkCalibrationInputs(
  suite: { name: string; file: string; checks: CheckSpec[]; gate: GateBlock; columns: string[]; cases: Iterable<Case> },
  saved: () => Record<string, SavedCalibration>,
): void {
  const rubrics = rubricsOf(suite.checks);
  const single = rubrics.length === 1;
  const problems: string[] = [];
  const names = rubrics.map((r) => r.name);
  if (new Set(names).size !== names.length)
    problems.push(`${suite.file}: two rubric checks share the name "${names.find((n, i) => names.indexOf(n) !== i)}": give each its own name: (labels and calibration go by name)`);
  // Without a rubric no cell is read: the cases are not read at all (a pass over a big sheet is its parse).
  if (rubrics.length)
    for (const kase of suite.cases) {
      for (const rubric of rubrics) {
        try {
          sheetLabel(kase, rubric.name, single);
        } catch (error) {
          problems.push(error instanceof Error ? error.message : String(error));
        }
      }
    }
  const rule = suite.gate.min_grader_agreement;
  if (rule !== undefined) {
    if (!rubrics.length) problems.push(`${suite.file}: gate.min_grader_agreement is set but the suite has no rubric check`);
    for (const name of typeof rule === 'object' ? Object.keys(rule) : []) {
      if (!names.includes(name)) problems.push(`${suite.file}: gate.min_grader_agreement: no rubric named "${name}" (rubrics: ${names.join(', ') || 'none'})`);
    }
    const calibrations = rubrics.length ? saved() : {};
    for (const rubric of rubrics) {
      if (agreementMin(rule, rubric.name) === undefined) continue;
      const savedOne = calibrations[rubric.name];
      if (hasVerdictColumn(suite.columns, rubric.name, single) || (savedOne && savedOne.grader === rubric.grader)) continue;
      problems.push(
        `${suite.file}: gate.min_grader_agreement needs calibration data for rubric ${rubric.name} (grader ${rubric.grader}): label outputs in a ${verdictColumns(rubric.name, single).join(' or ')} column, or run evals calibrate to save reports/${suite.name}/calibration.json`,
      );
    }
  }
  if (problems.length) throw new ConfigurationError(problems.join('\n'));
}
