import type { FakeRequest } from './types.js';

// A real rate limit for the fake model server, enforced as the providers do: token buckets that refill
// continuously, counted when a request arrives, stated on every response in the dialect's headers, and
// answered with 429 (and how long to wait) beyond them.

export interface FakeRateLimit {
  /** Requests per second (the bucket holds one second's worth). */
  requestsPerSecond?: number;
  /** Tokens per minute: input and output of each request, counted when it arrives (the bucket holds a minute's worth). */
  tokensPerMinute?: number;
}

class FakeBucket {
  private level: number;
  private at = performance.now();

  constructor(
    readonly capacity: number,
    private readonly windowMs: number,
  ) {
    this.level = capacity;
  }

  private settle(now: number): void {
    this.level = Math.min(this.capacity, this.level + ((now - this.at) * this.capacity) / this.windowMs);
    this.at = now;
  }

  /** Milliseconds until `cost` fits; 0 when it does now. */
  waitMs(cost: number, now: number): number {
    this.settle(now);
    const need = Math.min(cost, this.capacity) - this.level;
    return need <= 0 ? 0 : (need * this.windowMs) / this.capacity;
  }

  take(cost: number): void {
    this.level -= Math.min(cost, this.capacity);
  }

  remaining(): number {
    return Math.max(0, Math.floor(this.level));
  }

  /** Milliseconds until the bucket is full again. */
  resetMs(): number {
    return ((this.capacity - this.level) * this.windowMs) / this.capacity;
  }
}

export class FakeLimiter {
  /** Requests answered 429 because they were beyond the limit. */
  rejected = 0;
  private readonly requests?: FakeBucket;
  private readonly tokens?: FakeBucket;

  constructor(limit: FakeRateLimit) {
    if (limit.requestsPerSecond) this.requests = new FakeBucket(limit.requestsPerSecond, 1_000);
    if (limit.tokensPerMinute) this.tokens = new FakeBucket(limit.tokensPerMinute, 60_000);
  }

  /** Count a request of `tokens` tokens; the milliseconds to wait when it is beyond the limit (and is not counted). */
  admit(tokens: number): { ok: true } | { ok: false; retryAfterMs: number } {
    const now = performance.now();
    const wait = Math.max(this.requests?.waitMs(1, now) ?? 0, this.tokens?.waitMs(tokens, now) ?? 0);
    if (wait > 0) {
      this.rejected += 1;
      return { ok: false, retryAfterMs: wait };
    }
    this.requests?.take(1);
    this.tokens?.take(tokens);
    return { ok: true };
  }

  /** The headers the real API sends on every response, for the limits as they stand. */
  headers(api: FakeRequest['api']): Record<string, string> {
    const headers: Record<string, string> = {};
    const buckets = [
      ['requests', this.requests],
      ['tokens', this.tokens],
    ] as const;
    for (const [name, bucket] of buckets) {
      if (!bucket) continue;
      if (api === 'openai') {
        headers[`x-ratelimit-limit-${name}`] = String(bucket.capacity);
        headers[`x-ratelimit-remaining-${name}`] = String(bucket.remaining());
        headers[`x-ratelimit-reset-${name}`] = goDuration(bucket.resetMs());
      } else {
        headers[`anthropic-ratelimit-${name}-limit`] = String(bucket.capacity);
        headers[`anthropic-ratelimit-${name}-remaining`] = String(bucket.remaining());
        headers[`anthropic-ratelimit-${name}-reset`] = new Date(Date.now() + bucket.resetMs()).toISOString();
      }
    }
    return headers;
  }
}

/** How each API says how long to wait on a 429: OpenAI in ms and seconds, Anthropic in whole seconds. */
export function retryAfterHeaders(api: FakeRequest['api'], ms: number): Record<string, string> {
  const seconds = String(Math.ceil(ms / 1_000));
  return api === 'openai' ? { 'retry-after-ms': String(Math.ceil(ms)), 'retry-after': seconds } : { 'retry-after': seconds };
}

/** OpenAI's reset values are Go durations: `20ms`, `1.5s`, `6m0s`. */
function goDuration(ms: number): string {
  if (ms < 1_000) return `${Math.ceil(ms)}ms`;
  const seconds = Math.round(ms) / 1_000;
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes}m${Math.round((seconds - minutes * 60) * 1_000) / 1_000}s`;
}
