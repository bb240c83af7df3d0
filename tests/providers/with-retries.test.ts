import { describe, expect, it } from 'vitest';
import { withRetries, type RetryPolicy } from '../../src/providers/retry.js';
import { ProviderError } from '../../src/providers/types.js';

// The one retry loop behind a run's model calls and an LLM judge's: tiny delays keep it fast.
const policy: RetryPolicy = { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 5 };
const overloaded = () => new ProviderError({ kind: 'http', status: 503, message: '503' });

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
});
