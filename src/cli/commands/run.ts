import path from 'node:path';
import { assessRun, type Assessment, type GateFlags } from '../../compare/assess-run.js';
import { ConfigurationError } from '../../errors.js';
import { runSuite, type RunOutcome } from '../../run/run-suite.js';
import { defaultRetryPolicy } from '../../run/retry.js';
import { parseShard } from '../../run/shard.js';
import { readMeta, resolveRunDir } from '../../store/read-run.js';
import { EXIT } from '../exit-codes.js';
import { exitCode } from '../run-exit-code.js';
import { parseReporters, writeRequestedReports, writeRunSummaryMarkdown } from '../run-reports.js';
import { paint, type CliIO } from '../io.js';
import { progressRenderer } from '../progress-renderer.js';
import { printRunsEnd, printSuiteOutcome } from '../render-run.js';
import { renderSummaryTable } from '../../report/terminal-table.js';
import { checkSelection } from './check-selection.js';
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
  // A shard is part of a run and its gate is deferred to `evals merge` (see exitCode below).
  const shardOfRun = options.shard ?? resumedMeta?.shard ?? undefined;
  // Refused here, before any model call: assessRun would refuse it too, but only after the shard's calls were paid for.
  if (options.updateBaseline && shardOfRun) {
    throw new ConfigurationError(`--update-baseline records the whole suite, and --shard ${shardOfRun} is only part of it (no model was called). Run every shard, then update the baseline from the merged run: evals merge reports/<suite>/*/ --update-baseline`);
  }
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
      if (!options.json) printSuiteOutcome(outcome, assessment, io, () => printJudging(judging, io), shardOfRun);
    }
  } finally {
    process.removeListener('SIGINT', onSigint);
  }

  printRunsEnd(done, options.json, io, shardOfRun);
  writeRunSummaryMarkdown(done, formats, io);
  if (controller.signal.aborted) return EXIT.interrupted;
  // A shard's pass rate and regressions cover part of the suite: the gate is printed but applied
  // to the merged run, so a shard job fails CI only when its run could not be completed.
  return exitCode(done, { ...options, gate: options.gate && !shardOfRun }, io);
}

function printInterrupted(outcome: RunOutcome, io: CliIO): void {
  const { summary } = outcome;
  io.out(renderSummaryTable(summary));
  io.out(paint(io, 'yellow', `interrupted: ${summary.systems.reduce((n, s) => n + s.results, 0)} of ${summary.planned} results written to ${path.relative(io.cwd, outcome.runDir) || outcome.runDir}`));
  io.out(`finish it with: evals run --resume ${summary.runId}`);
}
