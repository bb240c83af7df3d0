import pLimit, { type LimitFunction } from 'p-limit';

/**
 * Concurrency for one provider endpoint that backs off under sustained 429s and recovers:
 * additive increase, multiplicative decrease (as TCP does). A burst of 429s from requests that
 * were already in flight counts as one signal, so concurrency halves once, not to 1.
 */
export class AdaptiveLimit {
  private readonly limit: LimitFunction;
  private successesSinceChange = 0;
  private lastDecreaseAt = 0;
  /** Counts decreases: a 429 from a request sent before the last one is part of the burst already answered. */
  generation = 0;

  constructor(
    readonly max: number,
    private readonly cooldownMs = 1_000,
  ) {
    this.limit = pLimit(max);
  }

  get concurrency(): number {
    return this.limit.concurrency;
  }

  run<T>(task: () => Promise<T>): Promise<T> {
    return this.limit(task);
  }

  /** `sentAt`: the generation when the rate-limited request was sent (default: now). */
  onRateLimited(sentAt = this.generation, now = Date.now()): void {
    this.successesSinceChange = 0;
    if (sentAt < this.generation || now - this.lastDecreaseAt < this.cooldownMs) return;
    this.lastDecreaseAt = now;
    this.generation += 1;
    this.limit.concurrency = Math.max(1, Math.floor(this.limit.concurrency / 2));
  }

  onSuccess(): void {
    if (this.limit.concurrency >= this.max) return;
    this.successesSinceChange += 1;
    // One step up per "window" of successes at the current level.
    if (this.successesSinceChange >= this.limit.concurrency) {
      this.successesSinceChange = 0;
      this.limit.concurrency += 1;
    }
  }
}

/**
 * Requests-per-minute limit as a token bucket refilled continuously, so short bursts are allowed
 * up to the per-second share and the long-run rate never exceeds the limit.
 */
export class RateLimiter {
  private tokens: number;
  private last = Date.now();
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly perMinute: number) {
    this.tokens = Math.max(1, perMinute / 60);
  }

  /** Resolves when a request may start. Calls are served in order. */
  acquire(): Promise<void> {
    this.queue = this.queue.then(() => this.take());
    return this.queue;
  }

  private async take(): Promise<void> {
    for (;;) {
      const now = Date.now();
      this.tokens = Math.min(Math.max(1, this.perMinute / 60), this.tokens + ((now - this.last) * this.perMinute) / 60_000);
      this.last = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, Math.ceil(((1 - this.tokens) * 60_000) / this.perMinute)));
    }
  }
}
