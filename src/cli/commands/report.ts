import { measureGraderAgreement } from '../../calibration/agreement-gate.js';
import type { CheckSpec } from '../../types.js';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { assessRun } from '../../regression/assess-run.js';
import { loadReportData } from '../../report/report-data.js';
import { renderSummaryTable } from '../../report/terminal-table.js';
import { parseFormats, writeReports } from '../../report/write-reports.js';
import { resolveRunDir } from '../../store/read-run.js';
import { isRunFolder, readRunMeta, RUN_FILES } from '../../store/run-dir.js';
import { pairwiseGateInput } from '../../regression/pairwise-gate.js';
import { summarizeRunJudgments } from '../../judge/run-judging.js';
import type { CliIO } from '../io.js';
import { printTable } from '../fit-output.js';
import { EXIT } from '../../exit-codes.js';
import { exitCodeOf, verdictOf } from '../../evaluate/verdict.js';
import { printGate } from '../render-run.js';
import { tightenHeapGrowth } from '../../heap.js';

export interface ReportCommandOptions {
  format: string;
  baseline?: string;
  /** Apply the run's gate and exit like `evals run` (0 passed, 1 gate failed, 3 run failed). */
  gate?: boolean;
}

/**
 * `evals report <run> --format md,html,junit,csv,xlsx`: re-render a stored run's reports against its
 * baseline, from results.jsonl alone (no model calls). Prints the written paths. With `--gate` it also
 * prints the gate and exits as `evals run` would have: a report step in CI can fail the job.
 */
export async function reportCommand(run: string, options: ReportCommandOptions, io: CliIO): Promise<number> {
  // The assessment's passes over results.jsonl and the baseline each leave a million parsed lines as garbage:
  // collected sooner, a million cases stay under 250 MB. Set here, in the CLI's own process, not by the library.
  tightenHeapGrowth();
  const formats = parseFormats(options.format);
  const reportsDir = path.join(io.cwd, 'reports');
  const local = path.resolve(io.cwd, run);
  const runDir = isRunFolder(local) ? local : resolveRunDir(run, reportsDir);
  const meta = readRunMeta(runDir);
  // A run of part of the suite must not list the cases it skipped as removed.
  const partial = Boolean(meta.filter || meta.limit || meta.shard);
  // By default a stored run is compared with what it was compared with when it ran, not with
  // whatever baseline.json says today.
  const recorded = path.join(runDir, RUN_FILES.comparedWith);
  const baseline = options.baseline?.endsWith('.json') ? path.resolve(io.cwd, options.baseline) : (options.baseline ?? (existsSync(recorded) ? recorded : undefined));
  const judgments = await summarizeRunJudgments(runDir);
  const pairwise = pairwiseGateInput(judgments);
  const graderAgreement = await measureGraderAgreement(runDir, meta.suite, (meta.checks ?? []) as CheckSpec[], meta.gate ?? {}, reportsDir);
  const assessment = await assessRun(runDir, meta.suite, { reportsDir, baseline, gate: meta.gate ?? {}, partial, ...pairwise, graderAgreement });
  const data = await loadReportData(runDir, assessment);
  if (!formats.length) printTable(io, renderSummaryTable(data.summary, io.columns));
  else {
    const written = await writeReports(data, formats);
    for (const file of Object.values(written)) io.out(path.relative(io.cwd, file) || file);
  }
  if (!options.gate) return EXIT.ok;
  printGate(assessment, io);
  const judging = { summary: judgments, ...pairwise, notes: [], skippedJudges: 0 };
  const { verdict, problems } = verdictOf([{ outcome: { runDir, summary: data.summary }, assessment, judging }], { gate: true });
  for (const problem of problems) io.err(problem);
  return exitCodeOf(verdict);
}
