import { DIMENSIONS, type Dimension, type LimitWindow, type RateLimitReport } from './rate-limit-headers.js';

/**
 * What one request is expected to spend of each limit a provider states. Requests are 1; tokens are
 * estimated before the call (see token-estimate.ts).
 */
export type Cost = Record<Dimension, number>;

/** A request let through: its place in the order, when, its cost, and what had been spent up to and including it. */
export interface Ticket {
  seq: number;
  sentAt: number;
  cost: Cost;
  spentThrough: Cost;
}

/** How many requests back a refusal still matters for learning the rate. */
const RECENT = 1_000;

/**
 * One limit as this client sees it: a token bucket mirroring the server's. The providers' limits refill
 * continuously (the reset header says when the bucket is full again), so the refill rate follows from
 * what is missing and how long until it is back: (limit − remaining) / reset.
 */
class Bucket {
  limit = Infinity;
  level = Infinity;
  at = 0;
  /** Refill per millisecond; 0 until a report shows it. */
  perMs = 0;
  /** Without a rate: when the server said the bucket is full again. */
  fullAt = Infinity;
  private syncedSeq = -1;
  /** Decaying sums behind the rate: a ratio of sums weighs large, precise deficits over tiny ones. */
  private deficit = 0;
  private resetMs = 0;
  /** The last answer with a reset given as a time, and what the server had counted through its request. */
  private previous: { resetAt: number; counted: number } | undefined;

  private learnRate(amount: number, ms: number): void {
    this.deficit = this.deficit * 0.8 + amount;
    this.resetMs = this.resetMs * 0.8 + ms;
    this.perMs = this.deficit / this.resetMs;
  }

  settle(now: number): void {
    if (this.perMs === 0 && now >= this.fullAt) {
      this.level = this.limit;
      this.fullAt = Infinity;
    } else this.level = Math.min(this.limit, this.level + this.perMs * (now - this.at));
    this.at = now;
  }

  spend(cost: number, now: number): void {
    this.settle(now);
    this.level -= cost;
  }

  /** Milliseconds until `cost` fits (a cost above the whole limit waits for a full bucket). */
  waitMs(cost: number, now: number): number {
    this.settle(now);
    const need = Math.min(cost, this.limit) - this.level;
    if (need <= 0) return 0;
    if (this.perMs > 0) return Math.ceil(need / this.perMs);
    // No rate yet and no reset stated: look again in a second, so a run never waits forever.
    if (this.fullAt === Infinity) this.fullAt = now + 1_000;
    return Math.max(1, Math.ceil(this.fullAt - now));
  }

  /**
   * Bring the mirror within what an answer proves. The server counted the request somewhere between
   * when it was sent and now, and had `remaining` then, less what this client sent after it (`unseen`:
   * not counted yet). So what is left now is at least `remaining − unseen` (no refill since) and at
   * most that plus the refill since the request was sent. Inside those bounds the mirror keeps its
   * own count: resetting it to either end would guess the moment of counting on every answer, early
   * (429s) or late (a latency's worth of refill lost each time, all of it when a loaded client reads
   * answers late). An answer to an older request than one already heard from teaches the rate only.
   */
  sync(window: LimitWindow, ticket: Ticket, counted: number, unseen: number, now: number): void {
    const full = window.remaining >= window.limit;
    if (window.resetMs !== undefined && !full && window.resetMs > 0) {
      // A reset measured from when the server counted the request: the rate is what is missing over how
      // long it takes to come back. `remaining` is rounded down: the true deficit lies between
      // (limit − remaining − 1) and (limit − remaining).
      this.learnRate(window.limit - window.remaining - 0.5, window.resetMs);
    }
    if (ticket.seq < this.syncedSeq) return;
    if (window.resetAt !== undefined && this.previous && !full && window.resetAt > this.previous.resetAt) {
      // A reset given as a time (Anthropic) depends on clocks and on when the request arrived, neither
      // known here. But each request counted pushes the time the bucket is full by its cost / rate, so
      // what the server counted between two answers over how far their resets moved is the rate.
      this.learnRate(counted - this.previous.counted, window.resetAt - this.previous.resetAt);
    }
    this.previous = window.resetAt !== undefined && !full ? { resetAt: window.resetAt, counted } : undefined;
    this.syncedSeq = ticket.seq;
    this.limit = window.limit;
    const lowest = window.remaining - unseen;
    const highest = Math.min(window.limit, window.remaining + this.perMs * Math.max(0, now - ticket.sentAt)) - unseen;
    const first = this.level === Infinity;
    this.settle(now);
    this.level = first ? lowest : Math.min(highest, Math.max(lowest, this.level));
    // Until a rate is known, the bucket is taken to be full again when the server says.
    this.fullAt = this.perMs > 0 || full ? Infinity : (window.resetAt ?? (window.resetMs ? now + window.resetMs : Infinity));
  }
}

interface Waiter {
  cost: Cost;
  resolve: (ticket: Ticket | undefined) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

/** How long after the last wait the run still says it is pacing. */
const PACING_LINGER_MS = 2_000;

/**
 * The rate limits one provider key states at one endpoint, shared by every system using them: requests
 * wait here, in order, until what they are expected to spend fits in what the server says remains,
 * refilled at its rate. Without stated limits (most OpenAI-compatible servers) every request passes at
 * once, at the cost of one comparison.
 */
export class RateBudget {
  private readonly buckets: Partial<Record<Dimension, Bucket>> = {};
  private readonly spent: Cost = { requests: 0, tokens: 0, inputTokens: 0, outputTokens: 0 };
  private readonly queue: Waiter[] = [];
  private readonly refused: Ticket[] = [];
  private timer: NodeJS.Timeout | undefined;
  private seq = 0;
  private lastWaitAt = -Infinity;
  private binding: Dimension | undefined;
  private state: string | undefined;
  private readonly listeners = new Set<(state: string | undefined) => void>();

  /** Resolves with a ticket once the request may go; undefined when `signal` aborted the wait. */
  acquire(cost: Cost, signal?: AbortSignal): Ticket | Promise<Ticket | undefined> {
    const now = Date.now();
    if (this.queue.length === 0 && this.waitMs(cost, now) === 0) {
      if (this.state !== undefined && now - this.lastWaitAt > PACING_LINGER_MS) this.setState(undefined);
      return this.grant(cost, now);
    }
    return new Promise((resolve) => {
      const waiter: Waiter = { cost, resolve, signal };
      if (signal) {
        waiter.onAbort = () => {
          const index = this.queue.indexOf(waiter);
          if (index >= 0) this.queue.splice(index, 1);
          resolve(undefined);
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      this.queue.push(waiter);
      this.lastWaitAt = now;
      this.schedule(now);
    });
  }

  /** What an answer's headers said, for the request `ticket` let through; `refused`: the answer was a 429. */
  report(ticket: Ticket, report: RateLimitReport, refused = false): void {
    const now = Date.now();
    if (refused) this.refuse(ticket);
    for (const dimension of DIMENSIONS) {
      const window = report[dimension];
      if (!window) continue;
      const bucket = (this.buckets[dimension] ??= new Bucket());
      bucket.sync(window, ticket, this.counted(ticket, dimension), this.spent[dimension] - ticket.spentThrough[dimension], now);
    }
    if (this.queue.length) this.schedule(now, true);
  }

  /** `rate limit: 100/s` while requests wait for the budget, undefined otherwise. */
  onState(listener: (state: string | undefined) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A refused request was not counted by the server (kept in order of sending; only recent ones matter). */
  private refuse(ticket: Ticket): void {
    let at = this.refused.length;
    while (at > 0 && this.refused[at - 1].seq > ticket.seq) at -= 1;
    this.refused.splice(at, 0, ticket);
    while (this.refused.length && this.refused[0].seq < this.seq - RECENT) this.refused.shift();
  }

  /**
   * What the server counted through `ticket`'s request: what this client sent, less the refused ones
   * among the recent. Only differences between two recent tickets are used, so the older ones cancel.
   */
  private counted(ticket: Ticket, dimension: Dimension): number {
    let counted = ticket.spentThrough[dimension];
    for (const refused of this.refused) {
      if (refused.seq > ticket.seq) break;
      counted -= refused.cost[dimension];
    }
    return counted;
  }

  private waitMs(cost: Cost, now: number): number {
    let longest = 0;
    for (const dimension of DIMENSIONS) {
      const bucket = this.buckets[dimension];
      if (!bucket) continue;
      const wait = bucket.waitMs(cost[dimension], now);
      if (wait > longest) {
        longest = wait;
        this.binding = dimension;
      }
    }
    return longest;
  }

  private grant(cost: Cost, now: number): Ticket {
    for (const dimension of DIMENSIONS) {
      this.spent[dimension] += cost[dimension];
      this.buckets[dimension]?.spend(cost[dimension], now);
    }
    this.seq += 1;
    return { seq: this.seq, sentAt: now, cost, spentThrough: { ...this.spent } };
  }

  /** Let through every waiter that fits now, in order; then sleep until the next one fits. */
  private schedule(now: number, fresh = false): void {
    if (this.timer && !fresh) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    while (this.queue.length) {
      const wait = this.waitMs(this.queue[0].cost, now);
      if (wait > 0) {
        this.setState(this.describe());
        this.timer = setTimeout(() => {
          this.timer = undefined;
          this.schedule(Date.now());
        }, wait);
        return;
      }
      const waiter = this.queue.shift()!;
      if (waiter.onAbort) waiter.signal?.removeEventListener('abort', waiter.onAbort);
      waiter.resolve(this.grant(waiter.cost, now));
    }
  }

  /** The limit that holds requests back, as the provider states it: `100/s`, `600/min`, `40,000 tokens/min`. */
  private describe(): string | undefined {
    const bucket = this.binding && this.buckets[this.binding];
    if (!bucket || !this.binding) return undefined;
    const unit = this.binding === 'requests' ? '' : this.binding === 'tokens' ? ' tokens' : this.binding === 'inputTokens' ? ' input tokens' : ' output tokens';
    // No rate seen yet: the window's size, as stated.
    if (bucket.perMs === 0) return `${bucket.limit.toLocaleString('en-US')}${unit || ' requests'}`;
    const perSecond = bucket.perMs * 1_000;
    return perSecond >= 10 && unit === '' ? `${Math.round(perSecond).toLocaleString('en-US')}/s` : `${Math.round(perSecond * 60).toLocaleString('en-US')}${unit}/min`;
  }

  private setState(state: string | undefined): void {
    if (state === this.state) return;
    this.state = state;
    for (const listener of this.listeners) listener(state);
  }
}
