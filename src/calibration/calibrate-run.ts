import { ConfigurationError } from '../errors.js';
import { capabilitiesOf } from '../providers/registry.js';
import { cohenKappa, type AgreementTable, type KappaEstimate } from '../stats/cohen-kappa.js';
import { readCases, readResults } from '../store/read-run.js';
import { readRunMeta } from '../store/run-dir.js';
import type { CheckSpec } from '../types.js';
import { readRubricLabels } from '../judge/rubric-labels.js';
import { sheetLabel } from './human-labels.js';
import { rubricsOf } from './rubric-names.js';
import { compareCodePoints } from '../text/code-point-order.js';
import { FirstByOrder } from './first-by-order.js';

// Grader versus people on one run: for each rubric, every graded output people labelled, the 2×2
// table, accuracy and Cohen's kappa with its interval, and the outputs where they disagree.
// A sheet label (`human_verdict`) is about the output recorded in the same row: the results of
// one recorded (`column:`) system, the first unless `system` names another. A label made on the
// human judging page (rubric-labels.jsonl) names its output exactly and wins over the sheet's.

interface Disagreement {
  caseId: string;
  system: string;
  repeat: number;
  human: 'pass' | 'fail';
  humanReason?: string;
  grader: 'pass' | 'fail';
  graderReason: string;
}

export interface RubricCalibration extends KappaEstimate {
  rubric: string;
  grader: string;
  /** Rows: the grader's verdict; columns: people's. */
  confusion: AgreementTable;
  /** The first MAX_DISAGREEMENTS by case, system and repeat. */
  disagreements: Disagreement[];
  /** How many outputs grader and people disagree on, all of them. */
  disagreementCount: number;
  /** The run the labels were paired with. */
  runId: string;
  /** The system whose outputs were labelled. */
  system?: string;
}

function outputKey(rubric: string, system: string, caseId: string, repeat: number): string {
  return [rubric, system, caseId, repeat].join('\u0000');
}

/** The system sheet labels describe: `system`, else the run's first recorded one. */
function labelledSystem(systems: { name: string; provider: string }[], system: string | undefined): string | undefined {
  if (system !== undefined) {
    if (!systems.some((s) => s.name === system)) throw new ConfigurationError(`--system ${system}: the run has no such system (${systems.map((s) => s.name).join(', ')})`);
    return system;
  }
  return systems.find((s) => capabilitiesOf(s.provider).recorded)?.name;
}

/** Listed and kept at most (`--json` lists them; the terminal fewer): every disagreement of a big run held in memory grew with it. */
const MAX_DISAGREEMENTS = 2000;

function byOutput(x: Disagreement, y: Disagreement): number {
  return compareCodePoints(x.caseId, y.caseId) || compareCodePoints(x.system, y.system) || x.repeat - y.repeat;
}

/** Calibrate every rubric of a run against the labels in its cases. */
export async function calibrateRun(runDir: string, options: { system?: string } = {}): Promise<RubricCalibration[]> {
  const meta = readRunMeta(runDir);
  const rubrics = rubricsOf((meta.checks ?? []) as CheckSpec[]);
  if (!rubrics.length) return [];
  const system = labelledSystem(meta.systems, options.system);
  const single = rubrics.length === 1;
  const cases = new Map((await readCases(runDir)).map((c) => [c.id, c]));
  const tables = new Map(rubrics.map((r) => [r.name, { passPass: 0, passFail: 0, failPass: 0, failFail: 0 } as AgreementTable]));
  const disagreements = new Map(rubrics.map((r) => [r.name, new FirstByOrder(MAX_DISAGREEMENTS, byOutput)]));
  // Labels from the judging page name their output exactly; the latest label of an output counts.
  const pageLabels = new Map(readRubricLabels(runDir).map((l) => [outputKey(l.rubric, l.system, l.caseId, l.repeat), { pass: l.pass, ...(l.comment ? { reason: l.comment } : {}) }]));
  for await (const result of readResults(runDir)) {
    const kase = cases.get(result.caseId);
    if (!kase) continue;
    const sheetApplies = result.system === system && result.repeat === 0;
    for (const check of result.checks) {
      const grade = check.grade;
      // An errored grade has no verdict to compare.
      if (!grade || check.error || !tables.has(grade.rubric)) continue;
      const label = pageLabels.get(outputKey(grade.rubric, result.system, result.caseId, result.repeat)) ?? (sheetApplies ? sheetLabel(kase, grade.rubric, single) : undefined);
      if (!label) continue;
      const graderPass = check.pass;
      const table = tables.get(grade.rubric)!;
      if (graderPass && label.pass) table.passPass += 1;
      else if (graderPass) table.passFail += 1;
      else if (label.pass) table.failPass += 1;
      else table.failFail += 1;
      if (graderPass !== label.pass) {
        disagreements.get(grade.rubric)!.add({
          caseId: result.caseId,
          system: result.system,
          repeat: result.repeat,
          human: label.pass ? 'pass' : 'fail',
          ...(label.reason ? { humanReason: label.reason } : {}),
          grader: graderPass ? 'pass' : 'fail',
          graderReason: grade.reasoning,
        });
      }
    }
  }
  return rubrics.map((r) => ({
    rubric: r.name,
    grader: r.grader,
    ...cohenKappa(tables.get(r.name)!),
    confusion: tables.get(r.name)!,
    // results.jsonl is in the order answers finished: listed by case, the same on every run of the same data.
    disagreements: disagreements.get(r.name)!.first(),
    disagreementCount: disagreements.get(r.name)!.count,
    runId: meta.runId,
    ...(system ? { system } : {}),
  }));
}
