import path from 'node:path';
import type { GateFlags } from '../regression/assess-run.js';
import { ConfigurationError } from '../errors.js';
import { crossSuiteGate, exitCodeOf, verdictOf, type CrossSuiteGate, type SuiteEvaluation, type EvaluationVerdict } from './verdict.js';
import type { ExitCode } from '../exit-codes.js';
import type { ReportFormat } from '../report/write-reports.js';
import type { RunEventListener } from '../run/events.js';
import { defaultRetryPolicy, type RetryPolicy } from '../providers/retry.js';
import { runSuite, type RunOutcome } from '../run/run-suite.js';
import type { LoadedSuite } from '../suite/load.js';
import { parseShard, type Shard } from '../run/shard.js';
import { resolveRunDir } from '../store/read-run.js';
import { readRunMeta, type RunMeta } from '../store/run-dir.js';
import { checkSelection, type NotRun } from './check-selection.js';
import { loadSuites } from './load-suites.js';
import { missingKeys } from './missing-keys.js';
import { leaveOutUngradedRubrics } from './ungraded-rubrics.js';
import { rememberSuiteSecrets } from './remember-secrets.js';
import { refuseUntrustedCommands } from './run-commands.js';
import type { HistoryOutcome } from '../history/record-run.js';
import { evalsCommand } from '../invoked-as.js';
import { checkCalibrationInputs, standingFrom } from '../calibration/agreement-gate.js';
import { readCalibration } from '../calibration/calibration-file.js';
import { rubricsOf } from '../calibration/rubric-names.js';
import type { CheckSpec } from '../types.js';

export interface EvaluateOptions extends GateFlags {
  /** The project folder: `suites/`, `reports/`, `.evals-cache/` are found here. Default `process.cwd()`. */
  cwd?: string;
  /** Suite names (`canvas-trigger`) or paths; or `all: true` for every suite in `suites/`. */
  suites?: string[];
  all?: boolean;
  /** Where API keys are read. Default `process.env`. */
  env?: NodeJS.ProcessEnv;
  systems?: string[];
  /** `system.key=value` overrides, as `--set`. */
  set?: string[];
  /** Slice every number by these (`tags` or dataset columns), replacing each suite's `slice_by:` (`--slice-by`). */
  sliceBy?: string[];
  concurrency?: number;
  repeat?: number;
  /** Only cases with this tag or id, or whose input contains the text. */
  filter?: string;
  limit?: number;
  /** `"i/n"`: the i-th of n partitions of the cases. */
  shard?: string;
  /** Finish an interrupted run (its id or folder); its systems, cases and repeats are kept. */
  resume?: string;
  /** Let a resumed run's run.json name commands (`js` checks, `exec:`) that its suite file does not (`--trust-run`). */
  trustRun?: boolean;
  /** Compare with this baseline file or run id instead of `reports/<suite>/baseline.json`. */
  baseline?: string;
  updateBaseline?: boolean;
  /** Report files to write in each run folder. */
  reporters?: ReportFormat[];
  /** Every system and judge must run: a missing key fails the run (`--ci`). */
  ci?: boolean;
  /** False: report the gate, but do not let it fail the verdict (`--no-gate`). */
  gate?: boolean;
  /** False (--no-cache): call the model for every answer and refresh the cache with them. */
  cache?: boolean;
  cacheDir?: string;
  /** Cached answers older than this many milliseconds are asked again (default a week). */
  cacheMaxAgeMs?: number;
  maxRetries?: number;
  /** Per-request timeout in milliseconds. */
  timeout?: number;
  batch?: boolean;
  batchPollMs?: number;
  /** Any regressed case in any suite fails the run, whatever each suite's gate allows (`--no-suite-regressed`). */
  noSuiteRegressed?: boolean;
  /** A file to append report.md to (GitHub's `$GITHUB_STEP_SUMMARY`). */
  stepSummary?: string;
  /** Stop scheduling new work; requests in flight finish, and the verdict is `interrupted`. */
  signal?: AbortSignal;
  /** Progress of each run, as events. */
  onEvent?: RunEventListener;
  /** Each suite as soon as it is run, judged and assessed (before the next suite starts). */
  onSuite?: (suite: EvaluatedSuite) => void | Promise<void>;
}

export interface EvaluatedSuite extends SuiteEvaluation {
  outcome: RunOutcome;
  /** The report files written for it. */
  reports: Record<string, string>;
  /** The history file its record was appended to, or why it has none (a shard, --filter, --limit). */
  history: HistoryOutcome;
}

export interface Evaluation {
  verdict: EvaluationVerdict;
  /** What `evals run` exits with for this verdict (README "Exit codes"). */
  exitCode: ExitCode;
  /** Why the run failed, one line each (empty unless `run-failed`). */
  problems: string[];
  suites: EvaluatedSuite[];
  /** Suites `all` left out because nothing was selected in them. */
  notRun: NotRun[];
  /** An interrupted suite's partial run: not compared or gated; finish it with `resume`. */
  interrupted?: RunOutcome;
  /** `reports/summary.md`, when written (md requested or a step summary set). */
  summaryMarkdown?: string;
  /** Set for a shard (`"1/3"`): its gate was reported but not applied; `evals merge` applies it. */
  shard?: string;
  /** Which rule decided across the suites (`no_suite_regressed`, or each suite's own gate) and what regressed. */
  crossSuite: CrossSuiteGate;
}

/**
 * Run suites as `evals run` does: load and check them before any model call, run each, judge its
 * pairwise comparisons, compare with the baseline, apply the gate, write the requested reports, and
 * return the verdict. Prints nothing and never exits; bad input throws ConfigurationError.
 */
export async function evaluate(options: EvaluateOptions = {}): Promise<Evaluation> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const env = options.env ?? process.env;
  const names = [...new Set(options.suites ?? [])];
  const resumeDir = options.resume ? resolveRunDir(options.resume, path.join(cwd, 'reports')) : undefined;
  refuseConflictingFlags(options, names, resumeDir);
  const shard = options.shard ? parseShard(options.shard) : undefined;
  const resumedMeta = resumeDir ? readRunMeta(resumeDir) : undefined;
  // A resumed run scores with run.json's checks and loads the suite file run.json names: refused
  // before anything is loaded when that names a command the working tree's suite file does not.
  if (resumeDir && resumedMeta && !options.trustRun) await refuseUntrustedCommands(resumeDir, resumedMeta, cwd, { loadsSuiteFile: true, set: options.set });
  // A shard is part of a run: its gate is applied when the shards are merged (`evals merge`).
  const shardOfRun = options.shard ?? resumedMeta?.shard ?? undefined;
  if (options.updateBaseline && shardOfRun) {
    // Refused before any model call: assessRun would refuse it too, but only after the shard's calls were paid for.
    throw new ConfigurationError(
      `--update-baseline records the whole suite, and --shard ${shardOfRun} is only part of it (no model was called). Run every shard, then update the baseline from the merged run: ${evalsCommand(env)} merge reports/<suite>/*/ --update-baseline`,
    );
  }
  // Reporter names (built-in, aliases, registered) are checked before any model call is paid for.
  const reporters = options.reporters?.length ? (await import('../report/write-reports.js')).parseFormats(options.reporters.join(',')) : [];
  const loadOptions = { set: options.set ?? [], defaultTimeoutMs: options.timeout, sliceBy: options.sliceBy };
  const loaded = resumedMeta ? await loadSuites([resumedMeta.suiteFile], false, cwd, loadOptions) : await loadSuites(names, options.all, cwd, loadOptions);
  rememberSuiteSecrets(loaded, env);
  const { kept: suites, notRun } = resumeDir ? { kept: loaded, notRun: [] } : await checkSelection(loaded, options);
  // Human verdict cells and min_grader_agreement's calibration data, before any model call.
  for (const suite of suites) {
    const { config, dataset } = suite;
    checkCalibrationInputs({ name: suite.name, file: suite.file, checks: config.checks as CheckSpec[], gate: config.gate, columns: dataset.columns, cases: dataset.cases }, () =>
      readCalibration(path.join(suite.root, 'reports'), suite.name),
    );
  }
  if (options.ci) {
    // Nothing is spent on a run that cannot pass: every key is checked before the first call.
    const missing = await missingKeys(suites, resumedMeta ? resumedMeta.systems.map((s) => s.name) : options.systems, env);
    if (missing.length) return { verdict: 'run-failed', exitCode: exitCodeOf('run-failed'), problems: missing, suites: [], notRun, crossSuite: crossSuiteGate([], options.noSuiteRegressed) };
  }
  const retryPolicy = options.maxRetries === undefined ? undefined : { ...defaultRetryPolicy, maxRetries: options.maxRetries };
  const partialSelection = Boolean(options.filter || options.limit || shard || resumedMeta?.filter || resumedMeta?.limit || resumedMeta?.shard);

  const done: EvaluatedSuite[] = [];
  let interrupted: RunOutcome | undefined;
  for (const suite of suites) {
    if (options.signal?.aborted) break;
    const { outcome, evaluated } = await evaluateSuite(suite, options, { cwd, env, shard, resumeDir, retryPolicy, partialSelection, reporters });
    if (!evaluated) {
      interrupted = outcome;
      break;
    }
    done.push(evaluated);
    await options.onSuite?.(evaluated);
  }

  const summaryMarkdown = done.length ? (await afterRun()).writeRunSummaryMarkdown(done, { markdown: reporters.includes('md'), stepSummary: options.stepSummary }) : undefined;
  const { verdict, problems } = verdictOf(done, {
    ci: options.ci,
    gate: options.gate !== false && !shardOfRun,
    updateBaseline: options.updateBaseline,
    interrupted: Boolean(options.signal?.aborted),
    command: evalsCommand(env),
    noSuiteRegressed: options.noSuiteRegressed,
  });
  const crossSuite = crossSuiteGate(done, options.noSuiteRegressed);
  return { verdict, exitCode: exitCodeOf(verdict), problems, suites: done, notRun, interrupted, summaryMarkdown, shard: shardOfRun, crossSuite };
}

/** Flags that contradict each other or a resumed run: refused before any suite is loaded. */
function refuseConflictingFlags(options: EvaluateOptions, names: string[], resumeDir: string | undefined): void {
  if (resumeDir && (names.length || options.all)) throw new ConfigurationError('--resume continues one run; do not also name suites or use --all');
  const fixedOnResume = (['systems', 'filter', 'limit', 'repeat', 'shard'] as const).filter((key) => options[key] !== undefined);
  if (resumeDir && fixedOnResume.length) {
    throw new ConfigurationError(`--resume finishes the run as it was started; --${fixedOnResume.join(', --')} cannot change it`);
  }
  // A run is sliced as it was started: run.json keeps its slice_by.
  if (resumeDir && options.sliceBy?.length) throw new ConfigurationError('--resume finishes the run as it was started; --slice-by cannot change it (its run.json keeps the slice_by it started with)');
  if (options.all && names.length) throw new ConfigurationError(`name suites (${names.join(', ')}) or use --all, not both`);
}

/** What evaluate settled once for every suite it runs. */
interface SuiteSettings {
  cwd: string;
  env: NodeJS.ProcessEnv;
  shard?: Shard;
  resumeDir?: string;
  retryPolicy?: RetryPolicy;
  /** Only some cases run (a filter, a limit, a shard): the comparison must not read the rest as removed. */
  partialSelection: boolean;
  /** The report formats, checked against the reporter registry (aliases resolved). */
  reporters: ReportFormat[];
}

/**
 * One suite through its run, its pairwise judging, the comparison with its baseline and its
 * reports. Without `evaluated` the run was interrupted: a partial run is not compared or gated.
 */
async function evaluateSuite(loaded: LoadedSuite, options: EvaluateOptions, settings: SuiteSettings): Promise<{ outcome: RunOutcome; evaluated?: EvaluatedSuite }> {
  const { cwd, env, retryPolicy } = settings;
  // A resumed run keeps the checks it started with (run.json); a new one leaves out rubrics it cannot grade.
  const suite = settings.resumeDir ? loaded : await withoutUngradedRubrics(loaded, env);
  const reportsDir = path.join(suite.root, 'reports');
  const rubrics = rubricsOf(suite.config.checks as CheckSpec[]);
  const rule = suite.config.gate.min_grader_agreement;
  const saved = rubrics.length ? readCalibration(reportsDir, suite.name) : {};
  const outcome = await runSuite(suite, {
    ...(rubrics.length ? { graderStanding: standingFrom(saved, rule) } : {}),
    env,
    systems: options.systems,
    concurrency: options.concurrency,
    repeat: options.repeat,
    filter: options.filter,
    limit: options.limit,
    shard: settings.shard,
    resumeDir: settings.resumeDir,
    batch: options.batch,
    batchPollMs: options.batchPollMs,
    retryPolicy,
    cacheDir: options.cacheDir ? path.resolve(cwd, options.cacheDir) : undefined,
    cacheRead: options.cache !== false,
    cacheMaxAgeMs: options.cacheMaxAgeMs,
    signal: options.signal,
    releaseDataset: true,
    onEvent: options.onEvent,
  });
  // A partial run is not compared or gated: its missing cases would read as removed.
  if (options.signal?.aborted) return { outcome };
  const { assessSuite } = await afterRun();
  const evaluated = await assessSuite(suite, outcome, {
    env,
    concurrency: options.concurrency,
    signal: options.signal,
    retryPolicy,
    baseline: options.baseline,
    updateBaseline: options.updateBaseline,
    flags: options,
    partial: settings.partialSelection || !outcome.summary.complete,
    formats: settings.reporters,
    stepSummary: options.stepSummary,
    onJudgeEvent: options.onEvent && ((event) => options.onEvent!({ type: 'judging', suite: suite.name, event })),
  });
  return { outcome, evaluated };
}

/**
 * Judging, assessment, reports and history (after-run.ts), loaded once a suite has run: `evals run`
 * sends its first request without reading and compiling them (start-up, issue 14).
 */
function afterRun(): Promise<typeof import('./after-run.js')> {
  return import('./after-run.js');
}

async function withoutUngradedRubrics(suite: LoadedSuite, env: NodeJS.ProcessEnv): Promise<LoadedSuite> {
  const { suite: graded, ungraded } = await leaveOutUngradedRubrics(suite, env);
  return ungraded.length ? { ...graded, ungradedRubrics: ungraded } : graded;
}
