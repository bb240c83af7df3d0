import path from 'node:path';
import { assessRun } from '../../compare/assess-run.js';
import { loadReportData } from '../../report/report-data.js';
import { renderSummaryTable } from '../../report/terminal-table.js';
import { parseFormats, writeReports } from '../../report/write-reports.js';
import { readMeta, resolveRunDir } from '../../store/read-run.js';
import type { CliIO } from '../io.js';
import { EXIT } from '../main.js';

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
  const runDir = resolveRunDir(path.resolve(io.cwd, run), reportsDir, run);
  const meta = readMeta(runDir);
  const partial = Boolean(meta.filter || meta.limit || meta.shard);
  const assessment = await assessRun(runDir, meta.suite, { reportsDir, baseline: options.baseline, gate: meta.gate ?? {}, partial });
  const data = await loadReportData(runDir, assessment);
  if (!formats.length) {
    io.out(renderSummaryTable(data.summary));
    return EXIT.ok;
  }
  const written = await writeReports(data, formats);
  for (const file of Object.values(written)) io.out(path.relative(io.cwd, file) || file);
  return EXIT.ok;
}
