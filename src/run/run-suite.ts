import path from 'node:path';
import pLimit from 'p-limit';
import { createDiskCache, type ResponseCache } from '../cache/response-cache.js';
import type { LoadedSuite } from '../suite/load.js';
import { jobKey, replayJournal } from '../store/journal.js';
import { repairTornTailOf } from '../store/torn-tail.js';
import { readJsonLines } from '../store/read-run.js';
import { capabilitiesOf } from '../providers/registry.js';
import { ResultsWriter } from '../store/results-writer.js';
import { redactedJson } from '../secrets/redact.js';
import { newRunId, readRunMeta, runFolderPaths, runPaths, writeJsonAtomic, type RunPaths } from '../store/run-dir.js';
import { finishSummary, SummaryBuilder, type RunSummary } from '../store/summary.js';
import type { Case, CheckSpec, Job, ResultRecord } from '../types.js';
import type { RunEventListener } from './events.js';
import { createGrace, createJobRunner } from './job-runner.js';
import { createGraderCaller } from './grader-calls.js';
import type { CheckContext } from '../checks/types.js';
import { selectCases, type CaseSelection } from './plan.js';
import { prepareSystems, type ReadySystem, type SkippedSystem } from './prepare-systems.js';
import { defaultRetryPolicy, type RetryPolicy } from '../providers/retry.js';
import { createRunFolder } from './run-folder.js';
import { inShard, type Shard } from './shard.js';
import { feedJobs } from './feed-jobs.js';
import { reportPacing } from './report-pacing.js';
import type { RateBudget } from '../providers/rate-budget.js';
import { questionColumns, questionHash } from './question-hash.js';

export type { SkippedSystem } from './prepare-systems.js';

export interface RunOptions extends CaseSelection {
  env: NodeJS.ProcessEnv;
  /** Only these systems (default: all the suite names). */
  systems?: string[];
  concurrency?: number;
  repeat?: number;
  shard?: Shard;
  /** Where run folders go (default `<root>/reports`). */
  reportsDir?: string;
  /** Response cache folder (default `<root>/.evals-cache`); false is `cacheRead: false` in the default folder. */
  cacheDir?: string | false;
  /** False (--no-cache): serve no answer from the cache, but refresh it with the fresh answers. */
  cacheRead?: boolean;
  /** Cached answers older than this are asked again (default a week). */
  cacheMaxAgeMs?: number;
  /** Empty `suite.dataset.cases` once the run folder has its copy (the CLI does; a library caller may not want it). */
  releaseDataset?: boolean;
  /** Continue this run folder instead of starting a new one. */
  resumeDir?: string;
  retryPolicy?: RetryPolicy;
  /** Send openai:/anthropic: systems through their Batch APIs (half price, slower). */
  batch?: boolean;
  /** Between batch status polls (default 30 s). */
  batchPollMs?: number;
  /** Stop scheduling new work (Ctrl-C). Requests in flight get `graceMs` to finish. */
  signal?: AbortSignal;
  graceMs?: number;
  onEvent?: RunEventListener;
  /** Each rubric's calibration against people, for the marks on its results (see src/calibration/). */
  graderStanding?: CheckContext['graderStanding'];
}

export interface RunOutcome {
  suite: LoadedSuite;
  runId: string;
  runDir: string;
  summary: RunSummary;
  skipped: SkippedSystem[];
}

const DEFAULT_CONCURRENCY = 10;

/** Providers whose registry entry says they have a Batch API; the others always go through normal calls. */
function hasBatchApi(ready: ReadySystem): boolean {
  return capabilitiesOf(ready.system.provider).batchable;
}

/** Run every (case × system × repeat) of a suite, streaming results to disk as they complete. */
export async function runSuite(suite: LoadedSuite, options: RunOptions): Promise<RunOutcome> {
  const emit = options.onEvent ?? (() => {});
  const run = await openRun(suite, options, emit);
  const { resumed, repeat, ready, skipped, runId, paths, summary, done } = run;
  // From here on the run reads its own copy (cases.jsonl) as a stream: a 100,000-case dataset need
  // not stay in memory while it runs.
  if (options.releaseDataset) suite.dataset.cases = [];
  const startedAt = resumed ? new Date(resumed.startedAt) : new Date();
  // A resumed run still owes the results of systems skipped now (no key): it stays incomplete.
  const planned = run.caseCount * (resumed ? resumed.systems.length : ready.length) * repeat;
  // A resumed run is scored with the checks it started with, even if the suite file changed since.
  const checks = (resumed?.checks ?? suite.config.checks) as CheckSpec[];
  const writer = new ResultsWriter(paths.results);
  emit({ type: 'start', suite: suite.name, runId, runDir: paths.dir, total: planned, systems: ready.map((r) => r.system.name), alreadyDone: done.size });

  const grace = createGrace(options.signal, options.graceMs ?? 5_000);
  // A run started with --no-cache is resumed without it too.
  const useCache = options.cacheDir !== false && options.cacheRead !== false && resumed?.cache !== false;
  // --no-cache reads nothing from the cache but refreshes it with the answers it gets.
  const cache = createDiskCache(options.cacheDir || path.join(suite.root, '.evals-cache'), { read: useCache, maxAgeMs: options.cacheMaxAgeMs });
  let written = done.size;
  const record = (unsafe: ResultRecord) => {
    // Redacted once, before it is journaled, counted or shown: every report reads these records.
    const { value: result, json } = redactedJson(unsafe);
    writer.append(result, json);
    written += 1;
    summary.add(result);
    emit({ type: 'result', suite: suite.name, record: result });
  };
  // Systems' budgets are known now; a rubric grader's once its first request builds its provider.
  const stopPacingReports = [
    reportPacing(
      ready.map(({ system, pacing }) => ({ name: system.name, budget: pacing?.budget })),
      suite.name,
      emit,
    ),
  ];
  const watchGrader = (name: string, budget: RateBudget) => stopPacingReports.push(reportPacing([{ name, budget }], suite.name, emit));
  const checkContext = runCheckContext(suite, options, cache, run.concurrency, watchGrader);
  const runJob = createJobRunner({
    suite: suite.name,
    checks,
    checkContext,
    retryPolicy: options.retryPolicy ?? defaultRetryPolicy,
    cache,
    repeat: run.repeat,
    total: pLimit(run.concurrency),
    grace,
    signal: options.signal,
    record,
    emit,
  });
  try {
    await scheduleJobs(suite, options, run, { checks, checkContext, cache, runJob, record, emit });
  } finally {
    for (const stop of stopPacingReports) stop();
    writer.close();
    cache.close();
    grace.release();
  }

  const result = writeSummary(suite, run, { startedAt, checks, written, planned });
  emit({ type: 'done', suite: suite.name, summary: result });
  return { suite, runId, runDir: paths.dir, summary: result, skipped };
}

/** What a run offers its checks: grader calls through its cache and retry policy, and each rubric's calibration. */
function runCheckContext(suite: LoadedSuite, options: RunOptions, cache: ResponseCache, concurrency: number, onBudget: (name: string, budget: RateBudget) => void): CheckContext {
  const askGrader = createGraderCaller({ env: options.env, cwd: suite.root, cache, retryPolicy: options.retryPolicy ?? defaultRetryPolicy, signal: options.signal, concurrency, onBudget });
  return { askGrader, ...(options.graderStanding ? { graderStanding: options.graderStanding } : {}) };
}

/** The run's counts and pass rates in summary.json, written once the jobs have finished or the run was stopped. */
function writeSummary(suite: LoadedSuite, run: OpenedRun, counts: { startedAt: Date; checks: CheckSpec[]; written: number; planned: number }): RunSummary {
  const result = finishSummary(run.summary, {
    suite: suite.name,
    runId: run.runId,
    startedAt: counts.startedAt,
    finishedAt: new Date(),
    cases: run.caseCount,
    repeat: run.repeat,
    checks: counts.checks,
    systems: run.ready.map(({ system }) => ({ name: system.name, provider: system.provider })),
    skipped: run.skipped,
    written: counts.written,
    planned: counts.planned,
    costs: suite.config.costs,
  });
  writeJsonAtomic(run.paths.summary, result);
  return result;
}

/** A run's settings, systems and folder, new or resumed: everything settled before its first job. */
async function openRun(suite: LoadedSuite, options: RunOptions, emit: RunEventListener) {
  const resumed = options.resumeDir ? readRunMeta(options.resumeDir) : undefined;
  const repeat = resumed?.repeat ?? options.repeat ?? suite.config.repeat ?? 1;
  const concurrency = options.concurrency ?? resumed?.concurrency ?? suite.config.concurrency ?? DEFAULT_CONCURRENCY;
  const systemNames = resumed ? resumed.systems.map((s) => s.name) : options.systems;
  // A resumed run reads its own saved cases, so warnings about today's file would not be about them.
  if (!resumed) for (const problem of suite.dataset.warnings) emit({ type: 'dataset-warning', suite: suite.name, problem });
  const { ready, skipped } = await prepareSystems(suite, systemNames, options.env, concurrency);
  for (const s of skipped) emit({ type: 'skipped-system', suite: suite.name, system: s.system, reason: s.reason, variable: s.variable });

  const runId = resumed?.runId ?? newRunId();
  const paths = options.resumeDir ? runFolderPaths(options.resumeDir) : runPaths(options.reportsDir ?? path.join(suite.root, 'reports'), suite.name, runId);
  const summary = new SummaryBuilder(repeat);
  const { done, caseCount } = resumed ? await replayRunFolder(paths, summary) : startRunFolder(suite, options, paths, { runId, repeat, concurrency, ready, skipped });
  return { resumed, repeat, concurrency, ready, skipped, runId, paths, summary, done, caseCount };
}

type OpenedRun = Awaited<ReturnType<typeof openRun>>;

/** A resumed run uses the cases as they were when it started, so its results match an uninterrupted run. */
async function replayRunFolder(paths: RunPaths, summary: SummaryBuilder): Promise<{ done: Set<string>; caseCount: number }> {
  let caseCount = 0;
  for await (const _ of readJsonLines<Case>(paths.cases)) caseCount += 1;
  repairTornTailOf(paths.results);
  const done = await replayJournal(paths.results, (r) => summary.add(r));
  return { done, caseCount };
}

/** A new run: this shard's selected cases, each with its question's hash, saved in a new run folder. */
function startRunFolder(
  suite: LoadedSuite,
  options: RunOptions,
  paths: RunPaths,
  { runId, repeat, concurrency, ready, skipped }: { runId: string; repeat: number; concurrency: number; ready: ReadySystem[]; skipped: SkippedSystem[] },
): { done: Set<string>; caseCount: number } {
  // Results carry the hash of the case's question, not of the whole row: see question-hash.ts.
  const columns = questionColumns(suite);
  const hash = (caseColumns: Record<string, string>) => questionHash(caseColumns, columns);
  // A dataset read from its file hashes each case's question as it builds it; an array is hashed here.
  const source = suite.dataset.cases.hashedBy?.(hash);
  let caseCount = 0;
  const cases = function* () {
    for (const kase of selectCases(source ?? suite.dataset.cases, options)) {
      if (options.shard && !inShard(kase.id, options.shard)) continue;
      if (!source) kase.contentHash = hash(kase.columns);
      caseCount += 1;
      yield kase;
    }
  };
  createRunFolder(paths, suite, {
    runId,
    repeat,
    concurrency,
    options,
    ready,
    skipped,
    cases: cases(),
    batch: Boolean(options.batch),
    cache: options.cacheDir !== false && options.cacheRead !== false,
  });
  return { done: new Set<string>(), caseCount };
}

/** One system's jobs not yet in the journal, read from the run's own copy of the cases. */
async function* pendingJobs(run: OpenedRun, system: ReadySystem): AsyncGenerator<Job> {
  for await (const kase of readJsonLines<Case>(run.paths.cases)) {
    for (let r = 0; r < run.repeat; r++) if (!run.done.has(jobKey(kase.id, system.system.name, r))) yield { case: kase, system: system.system, repeat: r };
  }
}

interface Scheduling {
  checks: CheckSpec[];
  checkContext: CheckContext;
  cache?: ResponseCache;
  runJob: (job: Job, system: ReadySystem) => Promise<void>;
  record: (result: ResultRecord) => void;
  emit: RunEventListener;
}

/** Feed every system's pending jobs to the scheduler; under --batch, batchable systems go through their Batch API first. */
async function scheduleJobs(suite: LoadedSuite, options: RunOptions, run: OpenedRun, scheduling: Scheduling): Promise<void> {
  const bySystem = new Map(run.ready.map((r) => [r.system.name, r]));
  const windowOf = (system: string) => 2 * bySystem.get(system)!.limit.max;
  const rampOf = (system: string) => bySystem.get(system)!.limit.max;
  const start = (job: Job) => scheduling.runJob(job, bySystem.get(job.system.name)!);
  let sources = new Map<string, AsyncIterator<Job> | Iterator<Job>>(run.ready.map((r) => [r.system.name, pendingJobs(run, r)]));
  if (options.batch || run.resumed?.batch) {
    // Systems without a batch API (recorded columns, commands, services) run first, so a long wait
    // for a batch that is then interrupted loses none of their results.
    const [batched, direct] = [run.ready.filter(hasBatchApi), run.ready.filter((r) => !hasBatchApi(r))];
    await feedJobs(new Map(direct.map((r) => [r.system.name, pendingJobs(run, r)])), windowOf, start, options.signal, rampOf);
    sources = await runBatched(suite, options, run, batched, scheduling);
  }
  await feedJobs(sources, windowOf, start, options.signal, rampOf);
}

/** The batch phase for `batched` systems: its results are recorded; what it hands back is left to normal calls, per system. */
async function runBatched(suite: LoadedSuite, options: RunOptions, run: OpenedRun, batched: ReadySystem[], scheduling: Scheduling): Promise<Map<string, Iterator<Job>>> {
  const jobs: Job[] = [];
  for (const system of batched) for await (const job of pendingJobs(run, system)) jobs.push(job);
  // Loaded only for --batch: the batch clients pull in both SDKs.
  const { runBatchPhase } = await import('../batch/run-batch.js');
  const batch = await runBatchPhase({
    suite,
    systems: batched,
    jobs,
    runDir: run.paths.dir,
    checks: scheduling.checks,
    checkContext: scheduling.checkContext,
    env: options.env,
    pollIntervalMs: options.batchPollMs,
    wait: true,
    signal: options.signal,
    cache: scheduling.cache,
    onEvent: scheduling.emit,
  });
  batch.records.forEach(scheduling.record);
  // Failed batch items and systems without a batch API go through normal calls.
  return new Map(batched.map((r) => [r.system.name, batch.fallback.filter((job) => job.system.name === r.system.name)[Symbol.iterator]()]));
}
