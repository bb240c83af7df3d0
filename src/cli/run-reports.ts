import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Assessment } from '../compare/assess-run.js';
import { crossSuiteRows, renderCrossSuiteMarkdown } from '../report/cross-suite.js';
import type { RunOutcome } from '../run/run-suite.js';
import type { CliIO } from './io.js';
import type { JudgingStep } from './run-judging-step.js';

// The reports that end a run, shared by `evals run` and `evals merge` so a merged run of shards
// writes exactly what an unsharded run would.

/** One suite's finished run: what the reports, the cross-suite table and the exit code read. */
export interface FinishedRun {
  outcome: Pick<RunOutcome, 'runDir' | 'summary'>;
  assessment: Assessment;
  judging: JudgingStep;
}

export function crossEntries(done: Array<Pick<FinishedRun, 'assessment' | 'judging'>>) {
  return done.map(({ assessment, judging }) => ({ assessment, winRates: judging.winRates }));
}

export async function parseReporters(text: string) {
  const { parseFormats } = await import('../report/write-reports.js');
  return parseFormats(text);
}

/** `--reporter md,html,...`, and report.md appended to $GITHUB_STEP_SUMMARY when GitHub Actions sets it. */
export async function writeRequestedReports(outcome: Pick<RunOutcome, 'runDir'>, assessment: Assessment, formats: string[], io: CliIO): Promise<void> {
  const stepSummary = io.env.GITHUB_STEP_SUMMARY;
  const wanted = new Set(formats);
  if (stepSummary) wanted.add('md');
  if (!wanted.size) return;
  const { loadReportData } = await import('../report/report-data.js');
  const { writeReports } = await import('../report/write-reports.js');
  const written = await writeReports(await loadReportData(outcome.runDir, assessment), [...wanted] as Parameters<typeof writeReports>[1]);
  for (const [format, file] of Object.entries(written)) {
    if (formats.includes(format)) io.err(`${format}: ${path.relative(io.cwd, file)}`);
  }
  if (stepSummary && written.md) appendFileSync(stepSummary, readFileSync(written.md, 'utf8') + '\n');
}

/** GitHub's limit for a comment body is 65,536 characters; stay well under it. */
const COMMENT_LIMIT = 60_000;

/**
 * `reports/summary.md`: the cross-suite table and every suite's report.md, cut to fit one
 * pull-request comment (the HTML reports have the rest). Appended to $GITHUB_STEP_SUMMARY too.
 */
export function writeRunSummaryMarkdown(done: FinishedRun[], formats: string[], io: CliIO): void {
  if (!done.length || !(formats.includes('md') || io.env.GITHUB_STEP_SUMMARY)) return;
  const parts = done.length > 1 ? [renderCrossSuiteMarkdown(crossSuiteRows(crossEntries(done)))] : [];
  const share = Math.floor((COMMENT_LIMIT - (parts[0]?.length ?? 0)) / done.length);
  for (const { outcome } of done) {
    const file = path.join(outcome.runDir, 'report.md');
    if (!existsSync(file)) continue;
    const text = readFileSync(file, 'utf8');
    parts.push(text.length <= share ? text : `${text.slice(0, share - 200).replace(/\n[^\n]*$/, '')}\n\n… cut to fit one comment: see ${path.relative(io.cwd, path.join(outcome.runDir, 'report.html'))} for the rest.\n`);
  }
  // Run folders are always reports/<suite>/<run-id>/, so the reports folder is two levels up.
  const reportsDir = path.dirname(path.dirname(done[0].outcome.runDir));
  writeFileSync(path.join(reportsDir, 'summary.md'), parts.join('\n'));
  if (done.length > 1 && io.env.GITHUB_STEP_SUMMARY) appendFileSync(io.env.GITHUB_STEP_SUMMARY, parts[0] + '\n');
}
