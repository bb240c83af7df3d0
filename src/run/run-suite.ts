import path from 'node:path';
import pLimit from 'p-limit';
import { createDiskCache, isCacheable } from '../cache/response-cache.js';
import type { LoadedSuite } from '../suite/load.js';
import { jobKey, replayJournal } from '../store/journal.js';
import { repairTornTailOf } from '../store/torn-tail.js';
import { readJsonLines, readMeta } from '../store/read-run.js';
import { ResultsWriter } from '../store/results-writer.js';
import { newRunId, runFolderPaths, runPaths, writeJsonAtomic } from '../store/run-dir.js';
import { finishSummary, SummaryBuilder, type RunSummary } from '../store/summary.js';
import type { Case, CheckSpec, ResultRecord } from '../types.js';
import type { RunEventListener } from './events.js';
import { finishJob, obtainOutput, type Job, type JobContext } from './execute-job.js';
import { selectCases, type CaseSelection } from './plan.js';
import { prepareSystems, type ReadySystem, type SkippedSystem } from './prepare-systems.js';
import { defaultRetryPolicy, type RetryPolicy } from '../providers/retry.js';
import { createRunFolder } from './run-folder.js';
import { inShard, type Shard } from './shard.js';
import { feedJobs } from './feed-jobs.js';
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
  /** Response cache folder; false turns the cache off. Default `<root>/.evals-cache`. */
  cacheDir?: string | false;
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
}

export interface RunOutcome {
  suite: LoadedSuite;
  runId: string;
  runDir: string;
  summary: RunSummary;
  skipped: SkippedSystem[];
}

export const DEFAULT_CONCURRENCY = 10;

/** OpenAI and Anthropic have batch APIs; other providers always go through normal calls. */
function hasBatchApi(ready: ReadySystem): boolean {
  return /^(openai|anthropic):/.test(ready.system.provider);
}

/** Run every (case × system × repeat) of a suite, streaming results to disk as they complete. */
export async function runSuite(suite: LoadedSuite, options: RunOptions): Promise<RunOutcome> {
  const emit = options.onEvent ?? (() => {});
  const resumed = options.resumeDir ? readMeta(options.resumeDir) : undefined;
  const repeat = resumed?.repeat ?? options.repeat ?? suite.config.repeat ?? 1;
  const concurrency = options.concurrency ?? resumed?.concurrency ?? suite.config.concurrency ?? DEFAULT_CONCURRENCY;
  const systemNames = resumed ? resumed.systems.map((s) => s.name) : options.systems;
  // A resumed run reads its own saved cases, so warnings about today's file would not be about them.
  if (!resumed) for (const problem of suite.dataset.warnings) emit({ type: 'dataset-warning', suite: suite.name, problem });
  const { ready, skipped } = await prepareSystems(suite, systemNames, options.env, concurrency);
  for (const s of skipped) emit({ type: 'skipped-system', suite: suite.name, system: s.system, reason: s.reason, variable: s.variable });

  const runId = resumed?.runId ?? newRunId();
  const paths = options.resumeDir ? runFolderPaths(options.resumeDir) : runPaths(options.reportsDir ?? path.join(suite.root, 'reports'), suite.name, runId);
  const summary = new SummaryBuilder();
  let done = new Set<string>();
  let caseCount = 0;
  if (resumed) {
    // A resumed run uses the cases as they were when it started, so its results match an uninterrupted run.
    for await (const _ of readJsonLines<Case>(paths.cases)) caseCount += 1;
    repairTornTailOf(paths.results);
    done = await replayJournal(paths.results, (r) => summary.add(r));
  } else {
    const cases = selectCases(suite.dataset.cases, options).filter((c) => !options.shard || inShard(c.id, options.shard));
    // Results carry the hash of the case's question, not of the whole row: see question-hash.ts.
    const columns = questionColumns(suite);
    for (const kase of cases) kase.contentHash = questionHash(kase, columns);
    createRunFolder(paths, suite, { runId, repeat, concurrency, options, ready, skipped, cases, batch: Boolean(options.batch), cache: options.cacheDir !== false });
    caseCount = cases.length;
  }
  // From here on the run reads its own copy (cases.jsonl) as a stream: a 100,000-case dataset need
  // not stay in memory while it runs.
  if (options.releaseDataset) suite.dataset.cases = [];
  const startedAt = resumed ? new Date(resumed.startedAt) : new Date();
  // A resumed run still owes the results of systems skipped now (no key): it stays incomplete.
  const planned = caseCount * (resumed ? resumed.systems.length : ready.length) * repeat;
  // A resumed run is scored with the checks it started with, even if the suite file changed since.
  const checks = (resumed?.checks ?? suite.config.checks) as CheckSpec[];
  const writer = new ResultsWriter(paths.results);
  emit({ type: 'start', suite: suite.name, runId, runDir: paths.dir, total: planned, systems: ready.map((r) => r.system.name), alreadyDone: done.size });

  // Two signals: options.signal stops scheduling; after the grace period, requests still running are
  // cancelled. Each job gets its own controller: thousands of listeners on one shared signal make
  // every addEventListener slower (it was a third of the CPU time at 20,000 cases).
  const running = new Set<AbortController>();
  let cancelled = false;
  const onStop = () =>
    setTimeout(() => {
      cancelled = true;
      for (const controller of running) controller.abort();
    }, options.graceMs ?? 5_000).unref();
  options.signal?.addEventListener('abort', onStop, { once: true });
  // A run started with --no-cache is resumed without it too.
  const useCache = options.cacheDir !== false && resumed?.cache !== false;
  const cache = useCache ? createDiskCache(options.cacheDir || path.join(suite.root, '.evals-cache')) : undefined;
  const total = pLimit(concurrency);
  let written = done.size;

  const runJob = async (job: Job, system: ReadySystem) => {
    const controller = new AbortController();
    if (cancelled) controller.abort();
    running.add(controller);
    // The limit's generation when this job's latest attempt started: 429s from requests sent before
    // concurrency was last halved belong to the burst that halved it.
    let generation = system.limit.generation;
    const context: JobContext = {
      provider: system.provider,
      checks,
      retryPolicy: options.retryPolicy ?? defaultRetryPolicy,
      cache: cache && isCacheable(job.system) ? cache : undefined,
      signal: controller.signal,
      // The run-wide slot is held only while a request is in flight, not while this job waits for a
      // rate-limit token or a backoff, so a throttled system never starves the others.
      withSlot: (call) => total(call),
      beforeAttempt: async () => {
        await system.rate?.acquire();
        generation = system.limit.generation;
      },
      onRateLimited: () => system.limit.onRateLimited(generation),
      onSuccess: () => system.limit.onSuccess(),
      onRetry: (attempt, error, delayMs) =>
        emit({ type: 'retry', suite: suite.name, system: job.system.name, caseId: job.case.id, attempt, reason: error.message, kind: error.info.kind, delayMs }),
    };
    let result: ResultRecord | undefined;
    try {
      // A job still queued when Ctrl-C came is not started: --resume does it.
      // The system's slot covers the request (and its retries) only: scoring runs after the slot is
      // free, so the next request goes out first when many answers arrive together.
      const obtained = await system.limit.run(async () => (options.signal?.aborted ? undefined : obtainOutput(job, context)));
      // Score on the next turn of the event loop: answers that arrived together are each turned
      // into their next request (written to the socket) before any of them is scored. Cached
      // answers have no request behind them to make way for.
      if (obtained && !('cached' in obtained && obtained.cached)) await new Promise((resolve) => setImmediate(resolve));
      result = obtained && (await finishJob(job, obtained, checks));
    } finally {
      running.delete(controller);
    }
    if (result) record(result);
  };

  const record = (result: ResultRecord) => {
    writer.append(result);
    written += 1;
    summary.add(result);
    emit({ type: 'result', suite: suite.name, record: result });
  };
  /** One system's jobs not yet in the journal, read from the run's own copy of the cases. */
  async function* pendingJobs(system: ReadySystem): AsyncGenerator<Job> {
    for await (const kase of readJsonLines<Case>(paths.cases)) {
      for (let r = 0; r < repeat; r++) if (!done.has(jobKey(kase.id, system.system.name, r))) yield { case: kase, system: system.system, repeat: r };
    }
  }

  const bySystem = new Map(ready.map((r) => [r.system.name, r]));
  try {
    const windowOf = (system: string) => 2 * bySystem.get(system)!.limit.max;
    const start = (job: Job) => runJob(job, bySystem.get(job.system.name)!);
    let sources = new Map<string, AsyncIterator<Job> | Iterator<Job>>(ready.map((r) => [r.system.name, pendingJobs(r)]));
    if (options.batch || resumed?.batch) {
      // Systems without a batch API (recorded columns, commands, services) run first, so a long wait
      // for a batch that is then interrupted loses none of their results.
      const [batched, direct] = [ready.filter(hasBatchApi), ready.filter((r) => !hasBatchApi(r))];
      await feedJobs(new Map(direct.map((r) => [r.system.name, pendingJobs(r)])), windowOf, start, options.signal);
      const jobs: Job[] = [];
      for (const system of batched) for await (const job of pendingJobs(system)) jobs.push(job);
      // Loaded only for --batch: the batch clients pull in both SDKs.
      const { runBatchPhase } = await import('../batch/run-batch.js');
      const batch = await runBatchPhase({
        suite,
        systems: batched,
        jobs,
        runDir: paths.dir,
        checks,
        env: options.env,
        pollIntervalMs: options.batchPollMs,
        wait: true,
        signal: options.signal,
        cache,
        onEvent: emit,
      });
      batch.records.forEach(record);
      // Failed batch items and systems without a batch API go through normal calls.
      sources = new Map(batched.map((r) => [r.system.name, batch.fallback.filter((job) => job.system.name === r.system.name)[Symbol.iterator]()]));
    }
    await feedJobs(sources, windowOf, start, options.signal);
  } finally {
    writer.close();
    options.signal?.removeEventListener('abort', onStop);
  }

  const result = finishSummary(summary, {
    suite: suite.name,
    runId,
    startedAt,
    finishedAt: new Date(),
    cases: caseCount,
    repeat,
    checks,
    systems: ready.map(({ system }) => ({ name: system.name, provider: system.provider })),
    skipped,
    written,
    planned,
  });
  writeJsonAtomic(paths.summary, result);
  emit({ type: 'done', suite: suite.name, summary: result });
  return { suite, runId, runDir: paths.dir, summary: result, skipped };
}
