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

export interface ReportCommandOptions {
  format: string;
  baseline?: string;
}

/**
 * `evals report <run> --format md,html,junit,csv,xlsx`: re-render a stored run's reports against its
 * baseline, from results.jsonl alone (no model calls). Prints the written paths.
 */
export async function reportCommand(run: string, options: ReportCommandOptions, io: CliIO): Promise<number> {
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
  const pairwise = pairwiseGateInput(await summarizeRunJudgments(runDir));
  const assessment = await assessRun(runDir, meta.suite, { reportsDir, baseline, gate: meta.gate ?? {}, partial, ...pairwise });
  const data = await loadReportData(runDir, assessment);
  if (!formats.length) {
    printTable(io, renderSummaryTable(data.summary, io.columns));
    return EXIT.ok;
  }
  const written = await writeReports(data, formats);
  for (const file of Object.values(written)) io.out(path.relative(io.cwd, file) || file);
  return EXIT.ok;
}
