import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RateBudget, type Cost, type Ticket } from '../../src/providers/rate-budget.js';

// The client's mirror of a provider's token buckets: requests wait, in order, for what the server says
// remains, refilled at the rate its headers imply. Fake timers make the waits exact.

const one: Cost = { requests: 1, tokens: 10, inputTokens: 10, outputTokens: 0 };

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(0);
});
afterEach(() => vi.useRealTimers());

describe('RateBudget', () => {
  it('lets every request through at once while no limit is stated', () => {
    const budget = new RateBudget();
    for (let i = 0; i < 100; i++) expect(budget.acquire(one)).toMatchObject({ seq: i + 1 });
  });

  it('waits, in order, for the bucket to refill at the rate the headers imply', async () => {
    const budget = new RateBudget();
    const states: (string | undefined)[] = [];
    budget.onState((state) => states.push(state));
    const first = budget.acquire(one) as Ticket;
    // Nothing left (between 0 and 1: 9.5 missing), full again in 950 ms: 10 a second.
    budget.report(first, { requests: { limit: 10, remaining: 0, resetMs: 950 } });
    const order: number[] = [];
    const waiting = [budget.acquire(one), budget.acquire(one), budget.acquire(one)].map((p, i) => Promise.resolve(p).then(() => order.push(i)));
    await vi.advanceTimersByTimeAsync(99);
    expect(order).toEqual([]);
    await vi.advanceTimersByTimeAsync(2);
    expect(order).toEqual([0]);
    await vi.advanceTimersByTimeAsync(200);
    await Promise.all(waiting);
    expect(order).toEqual([0, 1, 2]);
    expect(states).toEqual(['10/s']);
  });

  it("counts what was sent after the answered request, which the server's count did not include yet", async () => {
    const budget = new RateBudget();
    const first = budget.acquire(one) as Ticket;
    for (let i = 0; i < 4; i++) budget.acquire(one);
    // When the server counted the first request, 4 remained; the 4 sent since take them.
    budget.report(first, { requests: { limit: 100, remaining: 4, resetMs: 960 } });
    let granted = false;
    void Promise.resolve(budget.acquire(one)).then(() => (granted = true));
    await vi.advanceTimersByTimeAsync(5);
    expect(granted).toBe(false);
    await vi.advanceTimersByTimeAsync(10);
    expect(granted).toBe(true);
  });

  it('paces a token limit with the estimated cost of each request', async () => {
    const budget = new RateBudget();
    const first = budget.acquire(one) as Ticket;
    // 600 tokens a minute (10 a second), none left: a 10-token request waits a second.
    budget.report(first, { tokens: { limit: 600, remaining: 0, resetMs: 59_950 } });
    let granted = false;
    void Promise.resolve(budget.acquire(one)).then(() => (granted = true));
    await vi.advanceTimersByTimeAsync(990);
    expect(granted).toBe(false);
    await vi.advanceTimersByTimeAsync(20);
    expect(granted).toBe(true);
  });

  it('learns the rate from resets given as times, whatever the clocks, leaving refused requests out', async () => {
    const budget = new RateBudget();
    const states: (string | undefined)[] = [];
    budget.onState((state) => states.push(state));
    const tickets = [1, 2, 3, 4].map(() => budget.acquire(one) as Ticket);
    // A server clock an hour ahead; each request counted moves the reset 50 ms (20 a second). The
    // third was refused (429): it did not move it.
    const at = 3_600_000;
    budget.report(tickets[0], { requests: { limit: 20, remaining: 10, resetAt: at + 500 } });
    budget.report(tickets[1], { requests: { limit: 20, remaining: 9, resetAt: at + 550 } });
    budget.report(tickets[2], { requests: { limit: 20, remaining: 9, resetAt: at + 550 } }, true);
    budget.report(tickets[3], { requests: { limit: 20, remaining: 0, resetAt: at + 600 } });
    void budget.acquire(one);
    expect(states).toEqual(['20/s']);
  });

  it('stops waiting when the signal aborts', async () => {
    const budget = new RateBudget();
    const first = budget.acquire(one) as Ticket;
    budget.report(first, { requests: { limit: 10, remaining: 0, resetMs: 60_000 } });
    const controller = new AbortController();
    const waiting = budget.acquire(one, controller.signal);
    controller.abort();
    await expect(waiting).resolves.toBeUndefined();
  });
});
