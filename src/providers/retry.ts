import { ProviderError } from './types.js';

/** One retry policy for every provider: exponential backoff with full jitter, honouring Retry-After. */
export interface RetryPolicy {
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { maxRetries: 4, baseDelayMs: 500, maxDelayMs: 30_000 };

/** Delay before retry number `attempt` (1-based), or undefined when the error is final. */
export function retryDelay(error: unknown, attempt: number, policy: RetryPolicy, random: () => number = Math.random): number | undefined {
  if (!(error instanceof ProviderError) || !error.retryable || attempt > policy.maxRetries) return undefined;
  if (error.retryAfterMs !== undefined) return Math.min(error.retryAfterMs, policy.maxDelayMs);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Hears of each retry before its backoff: `attempt` is the 1-based number of the call that failed. */
export type OnRetry = (attempt: number, error: ProviderError, delayMs: number) => void;

/**
 * The one retry loop, for model calls of a run and of an LLM judge: call until an answer, backing
 * off per `policy` between attempts. Throws the last error when it is final, when retries are used
 * up, or once `signal` is aborted (no new attempt starts after a Ctrl-C). Batch polling keeps its own
 * loop (collect-batches.ts): it waits a fixed interval between polls of many batches, not a backoff.
 */
export async function withRetries<T>(call: () => Promise<T>, policy: RetryPolicy, signal?: AbortSignal, onRetry?: OnRetry): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (signal?.aborted) throw error;
      const delay = retryDelay(error, attempt, policy);
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
