import { cacheKey, type ResponseCache } from '../cache/response-cache.js';
import type { ServerIdentity } from '../cache/server-identity.js';
import { ProviderError, type Provider, type ProviderRequest } from '../providers/types.js';
import type { CheckContext } from '../checks/types.js';
import type { RateLimitListener } from '../providers/rate-limit-headers.js';
import type { CheckSpec, ErrorInfo, Job, Output, ResultRecord } from '../types.js';

export type { Job } from '../types.js';
import { renderMessages } from '../providers/render-request.js';
import { scoreOutput } from '../checks/score-output.js';
import { withRetries, type OnRetry, type RetryPolicy } from '../providers/retry.js';

export interface JobContext {
  provider: Provider;
  checks: CheckSpec[];
  retryPolicy: RetryPolicy;
  /** Set only for cacheable systems. */
  cache?: ResponseCache;
  /**
   * With `--repeat K`, whether each (case, system) is served from the cache, decided once by its first
   * repeat: a case's repeats come all from the cache or all from the model, never mixed, so a model
   * changed behind its name cannot look flaky.
   */
  repeats?: { count: number; servedFromCache: Map<string, boolean> };
  /** For a base_url endpoint: cached answers are served only while the server reports the same model. */
  identity?: ServerIdentity;
  /** Aborts requests in flight (after the grace period of a Ctrl-C). Read only on the way to a request: the job runner makes it on first read. */
  readonly signal?: AbortSignal;
  /**
   * Called before each attempt: waits for the rate limiters, and returns what should hear the rate
   * limits the answer states (see run/rate-budget.ts).
   */
  beforeAttempt?: (request: ProviderRequest) => Promise<RateLimitListener | undefined>;
  /** Runs the request itself, e.g. inside a run-wide concurrency slot. */
  withSlot?: <T>(call: () => Promise<T>) => Promise<T>;
  onRetry?: OnRetry;
  onRateLimited?: (error: ProviderError) => void;
  onSuccess?: (output: Output) => void;
  /**
   * A key or permission error (HTTP 401/403) this system already got in this run: no more requests
   * are sent for it, each job is that error at once, instead of paying for the same refusal N times.
   */
  refused?: () => ErrorInfo | undefined;
  onRefused?: (error: ErrorInfo) => void;
}

/** The statuses that mean "these credentials may not do this": retrying or asking again cannot help. */
const REFUSED = new Set([401, 403]);

function toErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof ProviderError) return error.info;
  return { kind: 'other', message: error instanceof Error ? error.message : String(error) };
}

/**
 * An output to score, or a finished error result. A fresh answer the cache should keep carries its
 * key (`toCache`): `keepInCache` writes it, once the caller's concurrency slot is free again.
 */
export type Obtained =
  { output: Output; startedAt: string; cached: boolean; retryKinds: ErrorInfo['kind'][]; cacheCheck?: ResultRecord['cacheCheck']; probe?: Output; toCache?: string } | { record: ResultRecord };

/** A job's request and cache key, worked out before it waits for a concurrency slot (see obtainOutput). */
export interface PreparedJob {
  job: Job;
  request: ProviderRequest;
  key: string | undefined;
}

/**
 * Render the job's messages and hash its cache key. Done while the job waits for its turn, so when a
 * slot frees (an answer came) the next request leaves without this work in front of it.
 */
export function prepareJob(job: Job, context: JobContext): PreparedJob {
  // No signal yet: the job runner makes a job's abort signal only when a request is sent (a cached
  // answer sends none), so it is added to the request then (see obtainOutput's attempt).
  const request = { case: job.case, messages: renderMessages(job.system, job.case), tools: job.system.tools ?? [], repeat: job.repeat };
  return { job, request, key: context.cache ? cacheKey(job.system, request) : undefined };
}

/**
 * Get a job's output: from the cache, or by calling the provider, retrying per policy. A final
 * failure is an error result; `undefined` is a call cut short by an abort, which must not be
 * recorded so that `--resume` does it again. Scoring and the cache write (`keepInCache`) are left to
 * the caller, so a concurrency slot is free for the next request while they run.
 */
export async function obtainOutput({ job, request, key }: PreparedJob, context: JobContext): Promise<Obtained | undefined> {
  const startedAt = new Date().toISOString();
  const base = { caseId: job.case.id, system: job.system.name, repeat: job.repeat, caseHash: job.case.contentHash, startedAt };
  const retryKinds: ErrorInfo['kind'][] = [];
  const attempt = async () => {
    try {
      const onRateLimits = await context.beforeAttempt?.(request);
      const sent = { ...request, signal: context.signal };
      const call = () => context.provider.call(onRateLimits ? { ...sent, onRateLimits } : sent);
      const answer = await (context.withSlot ? context.withSlot(call) : call());
      context.onSuccess?.(answer);
      return answer;
    } catch (error) {
      if (!context.signal?.aborted && error instanceof ProviderError && error.info.kind === 'rate-limit') context.onRateLimited?.(error);
      throw error;
    }
  };
  const onRetry: OnRetry = (number, error, delay) => {
    retryKinds.push(toErrorInfo(error).kind);
    context.onRetry?.(number, error, delay);
  };
  const ask = () => withRetries(attempt, context.retryPolicy, context.signal, onRetry);

  const hit = key && everyRepeatCached(job, request, context) ? context.cache!.get(key) : undefined;
  const checked = hit && context.identity ? await checkCachedAnswer(hit, job, context, ask) : hit && { served: hit };
  if (checked && 'aborted' in checked) return undefined;
  if (checked && 'served' in checked) {
    const { served, cacheCheck, probe } = checked;
    return { output: served, startedAt, cached: true, retryKinds: [], ...(cacheCheck ? { cacheCheck } : {}), ...(probe ? { probe } : {}) };
  }
  let output = checked?.fresh;
  const cacheCheck = checked?.cacheCheck;

  const refused = output === undefined ? context.refused?.() : undefined;
  if (refused) return { record: { ...base, status: 'error', error: refused, checks: [] } };
  try {
    output ??= await ask();
  } catch (error) {
    if (context.signal?.aborted) return undefined;
    const info = toErrorInfo(error);
    if (info.status !== undefined && REFUSED.has(info.status)) context.onRefused?.(info);
    return { record: { ...base, status: 'error', error: info, checks: [], retries: retryKinds.length, ...(retryKinds.length ? { retryKinds } : {}) } };
  }
  context.identity?.learn(output);
  return { output, startedAt, cached: false, retryKinds, ...(cacheCheck ? { cacheCheck } : {}), ...(key ? { toCache: key } : {}) };
}

/**
 * Write a fresh answer to the response cache. The caller does it before the answer's result is
 * recorded, so a run killed at any point has every answer of its results.jsonl in the cache.
 */
export function keepInCache(obtained: Obtained, context: JobContext): void {
  if ('output' in obtained && obtained.toCache) context.cache?.set(obtained.toCache, obtained.output);
}

type CheckedAnswer = { served: Output; cacheCheck?: 'unverified'; probe?: Output } | { fresh?: Output; cacheCheck: 'stale' } | { aborted: true };

/**
 * At a base_url endpoint a cached answer is served only while the server reports the model it was cached
 * from (see cache/server-identity.ts). The probe's own answer only tells which model serves now: when it
 * matches, the cached answer is served, so a cached run stays the same run whatever the temperature.
 */
async function checkCachedAnswer(hit: Output, job: Job, context: JobContext, ask: () => Promise<Output>): Promise<CheckedAnswer> {
  const identity = context.identity!;
  let admitted = await identity.admit(hit);
  let fresh: Output | undefined;
  if (admitted === 'probe') {
    try {
      fresh = await ask();
      identity.learn(fresh);
    } catch {
      identity.probeFailed();
      if (context.signal?.aborted) return { aborted: true };
    }
    admitted = await identity.admit(hit);
  }
  // A sibling repeat already went to the model: so does this one, so a case's repeats never mix.
  const siblingFresh = (context.repeats?.count ?? 1) > 1 && context.repeats!.servedFromCache.get(repeatGroup(job)) === false;
  // The probe's answer is not served, but it was asked and paid for: the result keeps what it cost.
  if (admitted === 'serve' && !siblingFresh) return { served: hit, ...(identity.unverified ? { cacheCheck: 'unverified' as const } : {}), ...(fresh ? { probe: fresh } : {}) };
  context.repeats?.servedFromCache.set(repeatGroup(job), false);
  return { fresh, cacheCheck: 'stale' };
}

/** Score what obtainOutput got: the job's result. */
export async function finishJob(job: Job, obtained: Obtained, checks: CheckSpec[], checkContext?: CheckContext): Promise<ResultRecord> {
  if ('record' in obtained) return obtained.record;
  const { startedAt, cached, retryKinds, cacheCheck, probe } = obtained;
  return scoreOutput(job, obtained.output, checks, { startedAt, cached, retryKinds, cacheCheck, probe, checkContext });
}

/** Obtain and score in one step (see obtainOutput for `undefined`). */
export async function executeJob(job: Job, context: JobContext): Promise<ResultRecord | undefined> {
  const obtained = await obtainOutput(prepareJob(job, context), context);
  if (obtained) keepInCache(obtained, context);
  return obtained && finishJob(job, obtained, context.checks);
}

function repeatGroup(job: Job): string {
  return `${job.system.name}\u0000${job.case.id}`;
}

/** Without repeats, a hit is a hit. With them, the first repeat of a case to look decides for all. */
function everyRepeatCached(job: Job, request: Parameters<typeof cacheKey>[1], context: JobContext): boolean {
  const repeats = context.repeats;
  if (!repeats || repeats.count <= 1 || !context.cache) return true;
  const group = repeatGroup(job);
  let decided = repeats.servedFromCache.get(group);
  if (decided === undefined) {
    decided = true;
    for (let r = 0; r < repeats.count && decided; r++) decided = context.cache.get(cacheKey(job.system, { ...request, repeat: r })) !== undefined;
    repeats.servedFromCache.set(group, decided);
  }
  return decided;
}
