import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { crossSuiteRows, renderCrossSuiteMarkdown } from '../report/cross-suite.js';
import type { ReportFormat } from '../report/write-reports.js';
import type { SuiteEvaluation } from './verdict.js';
import { recordRun, type HistoryOutcome } from '../history/record-run.js';
import type { DatasetHash } from '../history/dataset-hash.js';

/** GitHub's limit for a comment body is 65,536 characters; stay well under it. */
const COMMENT_LIMIT = 60_000;

export function crossSuiteEntries(done: SuiteEvaluation[]) {
  return done.map(({ assessment, judging }) => ({ assessment, winRates: judging.winRates }));
}

/**
 * What `evals run` and `evals merge` do once a whole run is compared and gated, in one place so both do
 * it alike: append its record to the suite's history.jsonl (not a shard's: see recordRun), then write
 * the requested reports.
 */
export async function finishRun(
  suite: SuiteEvaluation,
  options: { formats: ReportFormat[]; stepSummary?: string; env: NodeJS.ProcessEnv; dataset?: DatasetHash },
): Promise<{ reports: Record<string, string>; history: HistoryOutcome }> {
  const history = await recordRun(suite, options.env, options.dataset);
  return { history, reports: await writeSuiteReports(suite, options.formats, options.stepSummary) };
}

/**
 * The requested reports in the run folder, and report.md appended to the step summary
 * (`$GITHUB_STEP_SUMMARY`) when one is given. Returns each written file.
 */
export async function writeSuiteReports(suite: SuiteEvaluation, formats: ReportFormat[], stepSummary?: string): Promise<Record<string, string>> {
  const wanted = new Set(formats);
  if (stepSummary) wanted.add('md');
  if (!wanted.size) return {};
  // The renderers load what they need (exceljs, the HTML pieces) only when a report is asked for.
  const { loadReportData } = await import('../report/report-data.js');
  const { writeReports } = await import('../report/write-reports.js');
  const written = await writeReports(await loadReportData(suite.outcome.runDir, suite.assessment), [...wanted]);
  if (stepSummary && written.md) appendFileSync(stepSummary, readFileSync(written.md, 'utf8') + '\n');
  return Object.fromEntries(Object.entries(written).filter(([format]) => formats.includes(format as ReportFormat)));
}

/**
 * `reports/summary.md`: the cross-suite table and every suite's report.md, cut to fit one
 * pull-request comment (the HTML reports have the rest). With several suites the table is appended
 * to the step summary too (each report.md already was). Returns the file, when written.
 */
export function writeRunSummaryMarkdown(done: SuiteEvaluation[], options: { markdown: boolean; stepSummary?: string }): string | undefined {
  if (!done.length || !(options.markdown || options.stepSummary)) return undefined;
  const parts = done.length > 1 ? [renderCrossSuiteMarkdown(crossSuiteRows(crossSuiteEntries(done)))] : [];
  const share = Math.floor((COMMENT_LIMIT - (parts[0]?.length ?? 0)) / done.length);
  // Run folders live in reports/<suite>/<run-id>/.
  const reportsDir = path.dirname(path.dirname(done[0].outcome.runDir));
  for (const { outcome } of done) {
    const file = path.join(outcome.runDir, 'report.md');
    if (!existsSync(file)) continue;
    const text = readFileSync(file, 'utf8');
    const html = path.relative(reportsDir, path.join(outcome.runDir, 'report.html'));
    parts.push(text.length <= share ? text : `${text.slice(0, share - 200).replace(/\n[^\n]*$/, '')}\n\n… cut to fit one comment: see reports/${html} for the rest.\n`);
  }
  const target = path.join(reportsDir, 'summary.md');
  writeFileSync(target, parts.join('\n'));
  if (done.length > 1 && options.stepSummary) appendFileSync(options.stepSummary, parts[0] + '\n');
  return target;
}
