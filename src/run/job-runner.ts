import type { LimitFunction } from 'p-limit';
import type { ResponseCache } from '../cache/response-cache.js';
import { isCacheable } from '../cache/response-cache.js';
import type { RetryPolicy } from '../providers/retry.js';
import type { CheckSpec, Job, ResultRecord } from '../types.js';
import type { RunEventListener } from './events.js';
import type { CheckContext } from '../checks/types.js';
import { finishJob, keepInCache, obtainOutput, prepareJob, type JobContext } from './execute-job.js';
import type { ReadySystem } from './prepare-systems.js';
import type { ProviderError } from '../providers/types.js';
import { statesLimit, type RateLimitReport } from '../providers/rate-limit-headers.js';
import { takeTurn } from '../providers/paced-call.js';
import { nextTurnOfEventLoop } from '../event-loop-turn.js';

/**
 * Two signals: the run's signal stops scheduling; after the grace period, requests still running
 * are cancelled. Each job gets its own controller: thousands of listeners on one shared signal make
 * every addEventListener slower (it was a third of the CPU time at 20,000 cases).
 */
export interface Grace {
  /** A controller for one job's requests: aborted with the others once the grace period is over. */
  enter(): AbortController;
  leave(controller: AbortController): void;
  /** Stop listening to the run's signal (the run is over). */
  release(): void;
}

export function createGrace(signal: AbortSignal | undefined, graceMs: number): Grace {
  const running = new Set<AbortController>();
  let cancelled = false;
  const onStop = () =>
    setTimeout(() => {
      cancelled = true;
      for (const controller of running) controller.abort();
    }, graceMs).unref();
  signal?.addEventListener('abort', onStop, { once: true });
  return {
    enter() {
      const controller = new AbortController();
      if (cancelled) controller.abort();
      running.add(controller);
      return controller;
    },
    leave: (controller) => running.delete(controller),
    release: () => signal?.removeEventListener('abort', onStop),
  };
}

export interface JobRunnerOptions {
  suite: string;
  checks: CheckSpec[];
  retryPolicy: RetryPolicy;
  cache?: ResponseCache;
  /** Repeats per case: their answers come all from the cache or all from the model. */
  repeat: number;
  /** The run-wide concurrency limit. */
  total: LimitFunction;
  grace: Grace;
  /** Stops starting queued jobs (Ctrl-C). */
  signal?: AbortSignal;
  record: (result: ResultRecord) => void;
  emit: RunEventListener;
  /** What the checks get from the run (the grader of `rubric` checks). */
  checkContext?: CheckContext;
}

/** How one job's calls meet its system's limits (rate, adaptive concurrency) and the run-wide slot. */
function jobContext(job: Job, system: ReadySystem, jobSignal: () => AbortSignal, options: JobRunnerOptions, servedFromCache: Map<string, boolean>): JobContext {
  // The limit's generation when this job's latest attempt started: 429s from requests sent before
  // concurrency was last halved belong to the burst that halved it.
  let generation = system.limit.generation;
  // The limits the latest attempt's answer stated, and its size.
  let heard: RateLimitReport | undefined;
  let characters = 0;
  return {
    provider: system.provider,
    checks: options.checks,
    retryPolicy: options.retryPolicy,
    cache: options.cache && isCacheable(job.system) ? options.cache : undefined,
    repeats: { count: options.repeat, servedFromCache },
    identity: system.identity,
    get signal() {
      return jobSignal();
    },
    // The run-wide slot is held only while a request is in flight, not while this job waits for a
    // rate-limit token or a backoff, so a throttled system never starves the others.
    withSlot: (call) => options.total(call),
    beforeAttempt: async (request) => {
      await system.rate?.acquire();
      generation = system.limit.generation;
      heard = undefined;
      const turn = await takeTurn(system.pacing, request, jobSignal());
      characters = turn?.characters ?? 0;
      return (
        turn &&
        ((report, refused) => {
          heard = report;
          turn.hear(report, refused);
        })
      );
    },
    onRateLimited: (error) => {
      if (halvesConcurrency(error, heard)) system.limit.onRateLimited(generation);
    },
    onSuccess: (output) => {
      system.limit.onSuccess();
      system.pacing?.tokens.learn(characters, output.usage);
    },
    refused: () => system.refused,
    onRefused: (error) => {
      system.refused ??= { ...error, message: `${error.message} (not sent: refused earlier in this run)` };
    },
    onRetry: (attempt, error, delayMs) =>
      options.emit({ type: 'retry', suite: options.suite, system: job.system.name, caseId: job.case.id, attempt, reason: error.message, kind: error.info.kind, delayMs }),
  };
}

/**
 * Whether a 429 should halve the system's concurrency (AIMD). Not when the provider states its limits:
 * the rate budget paces to them, and fewer requests in flight would only slow the run below them. Not
 * when it says "retry now" (Retry-After: 0): a sporadic refusal is not a limit.
 */
function halvesConcurrency(error: ProviderError, heard: RateLimitReport | undefined): boolean {
  return !statesLimit(heard) && error.retryAfterMs !== 0;
}

/** Run one job under its system's limits, score it, and record the result (not when cut short by Ctrl-C). */
export function createJobRunner(options: JobRunnerOptions): (job: Job, system: ReadySystem) => Promise<void> {
  const servedFromCache = new Map<string, boolean>();
  return async (job, system) => {
    // Made when the job first sends a request: an answer served from the cache needs no controller
    // (at 20,000 cached cases, making them was ~4% of a rerun's CPU time).
    let controller: AbortController | undefined;
    const jobSignal = () => (controller ??= options.grace.enter()).signal;
    const context = jobContext(job, system, jobSignal, options, servedFromCache);
    let result: ResultRecord | undefined;
    try {
      // The request is rendered and its cache key hashed while the job waits for a slot.
      const prepared = prepareJob(job, context);
      // A job still queued when Ctrl-C came is not started: --resume does it.
      // The system's slot covers the request (and its retries) only: the cache write and scoring run
      // after the slot is free, so the next request goes out first when many answers arrive together.
      const obtained = await system.limit.run(async () => (options.signal?.aborted ? undefined : obtainOutput(prepared, context)));
      // Keep and score on the next turn of the event loop: answers that arrived together are each
      // turned into their next request (written to the socket) before any of them is written to the
      // cache or scored. Cached answers have no request behind them to make way for.
      if (obtained && !('cached' in obtained && obtained.cached)) await nextTurnOfEventLoop();
      // Cached before it is scored or recorded: every result on disk has its answer in the cache.
      if (obtained) keepInCache(obtained, context);
      result = obtained && (await finishJob(job, obtained, options.checks, options.checkContext));
      // A grade cut short by Ctrl-C says nothing about the output: not recorded, so --resume grades it again.
      if (options.signal?.aborted && result?.checks.some((check) => check.error && check.grade)) result = undefined;
    } finally {
      if (controller) options.grace.leave(controller);
    }
    if (result) options.record(result);
  };
}
