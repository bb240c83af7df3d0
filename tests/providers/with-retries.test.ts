import { describe, expect, it } from 'vitest';
import { rateLimitDelay, withRetries, type RetryPolicy } from '../../src/providers/retry.js';
import { httpStatusError } from '../../src/providers/errors.js';
import { ProviderError } from '../../src/providers/types.js';

// The one retry loop behind a run's model calls and an LLM judge's: tiny delays keep it fast.
const policy: RetryPolicy = { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 5 };
const overloaded = () => new ProviderError({ kind: 'http', status: 503, message: '503' });
const rateLimited = (retryAfterMs?: number) => new ProviderError({ kind: 'rate-limit', status: 429, message: '429' }, retryAfterMs);

/** A call that fails with each of `errors` in turn, then answers `ok`. */
function failing(...errors: Error[]): { call: () => Promise<string>; calls: () => number } {
  let calls = 0;
  return {
    call: async () => {
      const error = errors[calls++];
      if (error) throw error;
      return 'ok';
    },
    calls: () => calls,
  };
}

describe('withRetries', () => {
  it('retries a retryable error and reports each retry with its attempt number', async () => {
    const { call, calls } = failing(overloaded(), overloaded());
    const retries: number[] = [];
    await expect(withRetries(call, policy, undefined, (attempt) => retries.push(attempt))).resolves.toBe('ok');
    expect(calls()).toBe(3);
    expect(retries).toEqual([1, 2]);
  });

  it('throws a final error at once, and the last error once retries are used up', async () => {
    const refused = new ProviderError({ kind: 'http', status: 400, message: 'bad request' });
    const once = failing(refused);
    await expect(withRetries(once.call, policy)).rejects.toBe(refused);
    expect(once.calls()).toBe(1);
    const last = overloaded();
    const always = failing(overloaded(), overloaded(), last);
    await expect(withRetries(always.call, policy)).rejects.toBe(last);
    expect(always.calls()).toBe(3);
  });

  it('starts no new attempt once the signal is aborted during a backoff', async () => {
    const controller = new AbortController();
    const { call, calls } = failing(overloaded());
    const slow: RetryPolicy = { maxRetries: 2, baseDelayMs: 60_000, maxDelayMs: 60_000 };
    const pending = withRetries(call, slow, controller.signal, () => setTimeout(() => controller.abort(), 5));
    await expect(pending).rejects.toBeInstanceOf(ProviderError);
    expect(calls()).toBe(1);
  });

  it('waits out rate limits without spending retries: with none allowed, a call still gets its answer', async () => {
    const { call, calls } = failing(rateLimited(0), rateLimited(1), rateLimited(0), overloaded());
    const none: RetryPolicy = { ...policy, maxRetries: 0 };
    await expect(withRetries(call, none)).rejects.toBeInstanceOf(ProviderError); // the 503 is a real failure
    expect(calls()).toBe(4);
    const limited = failing(rateLimited(0), rateLimited(1), rateLimited(0));
    await expect(withRetries(limited.call, none)).resolves.toBe('ok');
  });

  it('gives up on rate limits once their waits add up past maxRateLimitWaitMs', async () => {
    const always = { call: async () => Promise.reject(rateLimited(3)) };
    await expect(withRetries(always.call, { ...policy, maxRateLimitWaitMs: 10 })).rejects.toMatchObject({ info: { kind: 'rate-limit' } });
  });
});

describe('rateLimitDelay', () => {
  it('waits as told, and backs off when "retry now" keeps being refused', () => {
    const slow: RetryPolicy = { maxRetries: 0, baseDelayMs: 500, maxDelayMs: 30_000 };
    expect(rateLimitDelay(rateLimited(1_200), 1, slow)).toBe(1_200);
    expect(rateLimitDelay(rateLimited(0), 3, slow)).toBe(0);
    expect(rateLimitDelay(rateLimited(0), 4, slow, () => 1)).toBe(4_000);
    expect(rateLimitDelay(rateLimited(), 1, slow, () => 1)).toBe(500);
  });

  it('does not take a spent credit balance (429 insufficient_quota) for a rate limit', () => {
    expect(httpStatusError(429, 'openai: HTTP 429: insufficient_quota: You exceeded your current quota').info.kind).toBe('http');
    expect(httpStatusError(429, 'openai: HTTP 429: requests: Rate limit reached').info.kind).toBe('rate-limit');
  });
});
