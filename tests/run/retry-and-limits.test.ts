import { describe, expect, it, vi } from 'vitest';
import { ProviderError } from '../../src/providers/types.js';
import { AdaptiveLimit, RateLimiter } from '../../src/run/adaptive-limit.js';
import { defaultRetryPolicy, retryDelay } from '../../src/providers/retry.js';
import { inShard, parseShard } from '../../src/run/shard.js';
import { ConfigurationError } from '../../src/errors.js';

const rateLimited = (retryAfterMs?: number) => new ProviderError({ kind: 'rate-limit', message: '429', status: 429 }, retryAfterMs);

describe('retryDelay: one policy for every provider', () => {
  it('honours Retry-After, capped by the policy', () => {
    expect(retryDelay(rateLimited(2_000), 1, defaultRetryPolicy)).toBe(2_000);
    expect(retryDelay(rateLimited(600_000), 1, defaultRetryPolicy)).toBe(defaultRetryPolicy.maxDelayMs);
  });

  it('backs off exponentially with jitter in the upper half of each step', () => {
    const error = new ProviderError({ kind: 'http', status: 503, message: '503' });
    expect(retryDelay(error, 1, defaultRetryPolicy, () => 0)).toBe(250);
    expect(retryDelay(error, 1, defaultRetryPolicy, () => 1)).toBe(500);
    expect(retryDelay(error, 3, defaultRetryPolicy, () => 1)).toBe(2_000);
  });

  it('does not retry client errors, or past the limit', () => {
    expect(retryDelay(new ProviderError({ kind: 'http', status: 400, message: 'bad' }), 1, defaultRetryPolicy)).toBeUndefined();
    expect(retryDelay(new Error('bug'), 1, defaultRetryPolicy)).toBeUndefined();
    expect(retryDelay(rateLimited(), defaultRetryPolicy.maxRetries + 1, defaultRetryPolicy)).toBeUndefined();
  });
});

describe('AdaptiveLimit: AIMD concurrency', () => {
  it('halves once per burst of 429s and climbs back one step per window of successes', () => {
    const limit = new AdaptiveLimit(16, 1_000);
    const sentBefore = limit.generation;
    limit.onRateLimited(sentBefore, 10_000);
    limit.onRateLimited(sentBefore, 10_100); // the same burst: requests that were already in flight
    limit.onRateLimited(sentBefore, 14_000); // a slow answer from that burst, seconds later
    expect(limit.concurrency).toBe(8);
    limit.onRateLimited(limit.generation, 14_500); // sent after the halving: a new signal
    expect(limit.concurrency).toBe(4);
    for (let i = 0; i < 4; i++) limit.onSuccess();
    expect(limit.concurrency).toBe(5);
    for (let i = 0; i < 200; i++) limit.onSuccess();
    expect(limit.concurrency).toBe(16);
  });
});

describe('RateLimiter', () => {
  it("spaces requests to the per-minute rate after the first second's share", async () => {
    // Fake timers: the pacing is checked to the millisecond, and a loaded machine cannot stretch it.
    vi.useFakeTimers();
    try {
      const limiter = new RateLimiter(600); // 10 per second
      let granted = 0;
      const all = Promise.all(Array.from({ length: 13 }, () => limiter.acquire().then(() => (granted += 1))));
      // The first second's share at once, then one every 100 ms.
      await vi.advanceTimersByTimeAsync(99);
      expect(granted).toBe(10);
      await vi.advanceTimersByTimeAsync(1);
      expect(granted).toBe(11);
      await vi.advanceTimersByTimeAsync(199);
      expect(granted).toBe(12);
      await vi.advanceTimersByTimeAsync(1);
      await all;
      expect(granted).toBe(13);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('shards', () => {
  it('partition cases by id: every case in exactly one shard, stable under reordering', () => {
    const ids = Array.from({ length: 500 }, (_, i) => `case-${i}`);
    const shards = [1, 2, 3].map((index) => ids.filter((id) => inShard(id, { index, count: 3 })));
    expect(shards.flat().sort()).toEqual([...ids].sort());
    for (const shard of shards) expect(shard.length).toBeGreaterThan(120);
    expect(
      [...ids]
        .reverse()
        .filter((id) => inShard(id, { index: 2, count: 3 }))
        .sort(),
    ).toEqual(shards[1].sort());
  });

  it('rejects malformed --shard values', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    for (const bad of ['0/4', '5/4', '2', 'a/b', '1/0']) expect(() => parseShard(bad)).toThrow(ConfigurationError);
  });
});
