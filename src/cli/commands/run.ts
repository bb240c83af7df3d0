import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { assessRun, type Assessment, type GateFlags } from '../../compare/assess-run.js';
import { ConfigurationError } from '../../errors.js';
import { runSuite, type RunOutcome } from '../../run/run-suite.js';
import { defaultRetryPolicy } from '../../run/retry.js';
import { parseShard } from '../../run/shard.js';
import { readMeta, resolveRunDir } from '../../store/read-run.js';
import { EXIT } from '../exit-codes.js';
import { paint, type CliIO } from '../io.js';
import { progressRenderer } from '../progress-renderer.js';
import { printSuiteOutcome, renderCrossSuiteTable } from '../render-run.js';
import { renderSummaryTable } from '../../report/terminal-table.js';
import { checkSelection } from './check-selection.js';
import { crossSuiteRows, renderCrossSuiteMarkdown } from '../../report/cross-suite.js';
import { judgeAfterRun, printJudging, type JudgingStep } from '../run-judging-step.js';
import { loadSuites } from './load-suites.js';

export interface RunCommandOptions extends GateFlags {
  all?: boolean;
  systems?: string[];
  set: string[];
  concurrency?: number;
  repeat?: number;
  filter?: string;
  limit?: number;
  ci?: boolean;
  json?: boolean;
  baseline?: string;
  updateBaseline?: boolean;
  reporter?: string;
  gate: boolean;
  cache: boolean;
  cacheDir?: string;
  resume?: string;
  shard?: string;
  maxRetries?: number;
  timeout?: number;
  batch?: boolean;
  batchPoll?: number;
}

/** A system whose results are mostly errors means the provider is down, not that the model is bad. */
const RUN_FAILED_ERROR_SHARE = 0.5;

export async function runCommand(names: string[], options: RunCommandOptions, io: CliIO): Promise<number> {
  if (options.ci) {
    io.colour = false;
    io.interactive = false;
  }
  const resumeDir = options.resume ? resolveRunDir(options.resume, path.join(io.cwd, 'reports')) : undefined;
  if (resumeDir && (names.length || options.all)) throw new ConfigurationError('--resume continues one run; do not also name suites or use --all');
  const fixedOnResume = (['systems', 'filter', 'limit', 'repeat', 'shard'] as const).filter((key) => options[key] !== undefined);
  if (resumeDir && fixedOnResume.length) {
    throw new ConfigurationError(`--resume finishes the run as it was started; --${fixedOnResume.join(', --')} cannot change it`);
  }
  const resumedMeta = resumeDir ? readMeta(resumeDir) : undefined;
  if (options.all && names.length) throw new ConfigurationError(`name suites (${names.join(', ')}) or use --all, not both`);
  const loadOptions = { set: options.set, defaultTimeoutMs: options.timeout };
  const loaded = resumeDir ? await loadSuites([readMeta(resumeDir).suiteFile], false, io.cwd, loadOptions) : await loadSuites([...new Set(names)], options.all, io.cwd, loadOptions);
  const suites = resumeDir ? loaded : await checkSelection(loaded, options, io);
  const shard = options.shard ? parseShard(options.shard) : undefined;
  const formats = options.reporter ? await parseReporters(options.reporter) : [];
  const retryPolicy = options.maxRetries === undefined ? undefined : { ...defaultRetryPolicy, maxRetries: options.maxRetries };
  const controller = new AbortController();
  const onSigint = () => {
    io.err('\nInterrupted: finishing requests in flight, then writing a partial summary.');
    process.removeListener('SIGINT', onSigint);
    controller.abort();
  };
  process.on('SIGINT', onSigint);

  const done: Array<{ outcome: RunOutcome; assessment: Assessment; judging: JudgingStep }> = [];
  try {
    for (const suite of suites) {
      if (controller.signal.aborted) break;
      const outcome = await runSuite(suite, {
        env: io.env,
        systems: options.systems,
        concurrency: options.concurrency,
        repeat: options.repeat,
        filter: options.filter,
        limit: options.limit,
        shard,
        resumeDir,
        batch: options.batch,
        batchPollMs: options.batchPoll === undefined ? undefined : options.batchPoll * 1000,
        retryPolicy,
        cacheDir: options.cache === false ? false : options.cacheDir ? path.resolve(io.cwd, options.cacheDir) : undefined,
        signal: controller.signal,
        releaseDataset: true,
        onEvent: progressRenderer(io),
      });
      if (controller.signal.aborted) {
        // A partial run is not compared or gated: its missing cases would read as removed.
        if (!options.json) printInterrupted(outcome, io);
        break;
      }
      const judging = await judgeAfterRun(outcome, io, { concurrency: options.concurrency, signal: controller.signal, retryPolicy });
      const assessment = await assessRun(outcome.runDir, suite.name, {
        reportsDir: path.join(suite.root, 'reports'),
        baseline: options.baseline,
        gate: suite.config.gate,
        flags: options,
        partial: Boolean(options.filter || options.limit || shard || resumedMeta?.filter || resumedMeta?.limit || resumedMeta?.shard) || !outcome.summary.complete,
        updateBaseline: options.updateBaseline,
        winRates: judging.winRates,
        judgeErrors: judging.judgeErrors,
      });
      done.push({ outcome, assessment, judging });
      await writeRequestedReports(outcome, assessment, formats, io);
      if (!options.json) printSuiteOutcome(outcome, assessment, io, () => printJudging(judging, io));
    }
  } finally {
    process.removeListener('SIGINT', onSigint);
  }

  if (options.json) {
    io.out(JSON.stringify(done.map(({ outcome, assessment }) => ({ runDir: outcome.runDir, ...outcome.summary, gate: assessment.gate, warnings: assessment.warnings })), null, 2));
  } else if (done.length > 1) {
    io.out('');
    io.out(paint(io, 'bold', 'All suites, worst first'));
    io.out(renderCrossSuiteTable(crossEntries(done)));
  }
  writeRunSummaryMarkdown(done, formats, io);
  if (controller.signal.aborted) return EXIT.interrupted;
  return exitCode(done, options, io);
}

function crossEntries(done: Array<{ assessment: Assessment; judging: JudgingStep }>) {
  return done.map(({ assessment, judging }) => ({ assessment, winRates: judging.winRates }));
}

/** GitHub's limit for a comment body is 65,536 characters; stay well under it. */
const COMMENT_LIMIT = 60_000;

/**
 * `reports/summary.md`: the cross-suite table and every suite's report.md, cut to fit one
 * pull-request comment (the HTML reports have the rest). Appended to $GITHUB_STEP_SUMMARY too.
 */
function writeRunSummaryMarkdown(done: Array<{ outcome: RunOutcome; assessment: Assessment; judging: JudgingStep }>, formats: string[], io: CliIO): void {
  if (!done.length || !(formats.includes('md') || io.env.GITHUB_STEP_SUMMARY)) return;
  const parts = done.length > 1 ? [renderCrossSuiteMarkdown(crossSuiteRows(crossEntries(done)))] : [];
  const share = Math.floor((COMMENT_LIMIT - (parts[0]?.length ?? 0)) / done.length);
  for (const { outcome } of done) {
    const file = path.join(outcome.runDir, 'report.md');
    if (!existsSync(file)) continue;
    const text = readFileSync(file, 'utf8');
    parts.push(text.length <= share ? text : `${text.slice(0, share - 200).replace(/\n[^\n]*$/, '')}\n\n… cut to fit one comment: see ${path.relative(io.cwd, path.join(outcome.runDir, 'report.html'))} for the rest.\n`);
  }
  const reportsDir = path.join(done[0].outcome.suite.root, 'reports');
  writeFileSync(path.join(reportsDir, 'summary.md'), parts.join('\n'));
  if (done.length > 1 && io.env.GITHUB_STEP_SUMMARY) appendFileSync(io.env.GITHUB_STEP_SUMMARY, parts[0] + '\n');
}

function printInterrupted(outcome: RunOutcome, io: CliIO): void {
  const { summary } = outcome;
  io.out(renderSummaryTable(summary));
  io.out(paint(io, 'yellow', `interrupted: ${summary.systems.reduce((n, s) => n + s.results, 0)} of ${summary.planned} results written to ${path.relative(io.cwd, outcome.runDir) || outcome.runDir}`));
  io.out(`finish it with: evals run --resume ${summary.runId}`);
}

async function parseReporters(text: string) {
  const { parseFormats } = await import('../../report/write-reports.js');
  return parseFormats(text);
}

/** `--reporter md,html,...`, and report.md appended to $GITHUB_STEP_SUMMARY when GitHub Actions sets it. */
async function writeRequestedReports(outcome: RunOutcome, assessment: Assessment, formats: string[], io: CliIO): Promise<void> {
  const stepSummary = io.env.GITHUB_STEP_SUMMARY;
  const wanted = new Set(formats);
  if (stepSummary) wanted.add('md');
  if (!wanted.size) return;
  const { loadReportData } = await import('../../report/report-data.js');
  const { writeReports } = await import('../../report/write-reports.js');
  const written = await writeReports(await loadReportData(outcome.runDir, assessment), [...wanted] as Parameters<typeof writeReports>[1]);
  for (const [format, file] of Object.entries(written)) {
    if (formats.includes(format)) io.err(`${format}: ${path.relative(io.cwd, file)}`);
  }
  if (stepSummary && written.md) appendFileSync(stepSummary, readFileSync(written.md, 'utf8') + '\n');
}

function exitCode(done: Array<{ outcome: RunOutcome; assessment: Assessment; judging: JudgingStep }>, options: RunCommandOptions, io: CliIO): number {
  let runFailed = false;
  let gateFailed = false;
  for (const { outcome, assessment, judging } of done) {
    const { summary } = outcome;
    for (const e of judging.judgeErrors) {
      if (e.errors / e.total > RUN_FAILED_ERROR_SHARE) {
        io.err(`${summary.suite}: the judge of ${e.a} vs ${e.b} errored on ${e.errors} of ${e.total} pairs; the comparison could not be completed.`);
        runFailed = true;
      }
    }
    if (judging.skippedJudges && options.ci) {
      io.err(`${summary.suite}: ${judging.skippedJudges} LLM judge${judging.skippedJudges === 1 ? ' was' : 's were'} skipped for a missing key; under --ci every judge must run.`);
      runFailed = true;
    }
    for (const system of summary.systems) {
      if (system.skipped && options.ci) {
        io.err(`${summary.suite}: ${system.system} was skipped (${system.skipped}); under --ci every system must run.`);
        runFailed = true;
      }
      if (system.results > 0 && system.error / system.results > RUN_FAILED_ERROR_SHARE) {
        io.err(`${summary.suite}: ${system.system} errored on ${system.error} of ${system.results} results; the run could not be completed.`);
        runFailed = true;
      }
    }
    if (options.gate && !assessment.gate.passed) gateFailed = true;
    if (!summary.complete) {
      io.err(`${summary.suite}: the run is incomplete (${summary.systems.reduce((n, s) => n + s.results, 0)} of ${summary.planned} results); finish it with: evals run --resume ${summary.runId}`);
      runFailed = true;
    }
  }
  // --update-baseline that could not be done is a failed request, not a pass: CI must notice.
  const baselineRefused = Boolean(options.updateBaseline) && done.some(({ assessment }) => !assessment.baselineWritten);
  return runFailed ? EXIT.runFailed : baselineRefused ? EXIT.badInput : gateFailed ? EXIT.gateFailed : EXIT.ok;
}
