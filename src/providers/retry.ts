import { ProviderError } from './types.js';

/** One retry policy for every provider: exponential backoff with full jitter, honouring Retry-After. */
export interface RetryPolicy {
  /** Retries after real failures (5xx, timeouts, dropped connections); waits for a rate limit are not counted. */
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /**
   * How long one call may wait in all for rate limits before its 429 is final (default 15 minutes): a
   * limit is waited out, but a key that is rate-limited for good must not hold a run forever.
   */
  maxRateLimitWaitMs?: number;
}

export const defaultRetryPolicy: RetryPolicy = { maxRetries: 4, baseDelayMs: 500, maxDelayMs: 30_000 };

const DEFAULT_MAX_RATE_LIMIT_WAIT_MS = 15 * 60_000;
const ZERO_WAITS_HONOURED = 3;

/** Delay before retry number `attempt` (1-based), or undefined when the error is final. */
export function retryDelay(error: unknown, attempt: number, policy: RetryPolicy, random: () => number = Math.random): number | undefined {
  if (!(error instanceof ProviderError) || !error.retryable || attempt > policy.maxRetries) return undefined;
  if (error.retryAfterMs !== undefined) return Math.min(error.retryAfterMs, policy.maxDelayMs);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * Delay before trying again after wait number `waits` (1-based) for a rate limit (429): as long as the
 * server said (`retry-after-ms`, `retry-after`), else a backoff. A rate limit is not a failure of the
 * call: these waits do not spend `maxRetries`.
 */
export function rateLimitDelay(error: ProviderError, waits: number, policy: RetryPolicy, random: () => number = Math.random): number {
  // "Retry now" (Retry-After: 0) is honoured a few times in a row; after that the call backs off, so a
  // server that says it forever is not hammered and the call's time for rate limits runs out.
  const told = error.retryAfterMs;
  if (told !== undefined && (told > 0 || waits <= ZERO_WAITS_HONOURED)) return Math.min(told, policy.maxDelayMs);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(waits - 1, 16));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Hears of each retry before its backoff: `attempt` is the 1-based number of the call that failed. */
export type OnRetry = (attempt: number, error: ProviderError, delayMs: number) => void;

/**
 * The one retry loop, for model calls of a run and of an LLM judge: call until an answer, backing
 * off per `policy` between attempts. Throws the last error when it is final, when retries (or the
 * time allowed for rate limits) are used up, or once `signal` is aborted (no new attempt starts after a Ctrl-C). Batch polling keeps its own
 * loop (collect-batches.ts): it waits a fixed interval between polls of many batches, not a backoff.
 */
export async function withRetries<T>(call: () => Promise<T>, policy: RetryPolicy, signal?: AbortSignal, onRetry?: OnRetry): Promise<T> {
  // Failures spend the retry budget; rate limits are waited out (as told), up to maxRateLimitWaitMs in all.
  let failures = 0;
  let waits = 0;
  let waitedMs = 0;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (signal?.aborted) throw error;
      let delay: number | undefined;
      if (error instanceof ProviderError && error.info.kind === 'rate-limit') {
        waits += 1;
        delay = rateLimitDelay(error, waits, policy);
        waitedMs += delay;
        if (waitedMs > (policy.maxRateLimitWaitMs ?? DEFAULT_MAX_RATE_LIMIT_WAIT_MS)) delay = undefined;
      } else {
        failures += 1;
        delay = retryDelay(error, failures, policy);
      }
      if (delay === undefined) throw error;
      onRetry?.(attempt, error as ProviderError, delay);
      await sleep(delay, signal);
      if (signal?.aborted) throw error;
    }
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const onAbort = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
