import { describe, expect, it } from 'vitest';
import { costOf, listPrice } from '../../src/providers/prices.js';
import { scoreOutput } from '../../src/checks/score-output.js';
import { makeCase, makeOutput } from '../helpers/make-case.js';

const job = (price?: { input: number; output: number }) => ({ case: makeCase(), system: { name: 'baseline', provider: 'openai:gpt-4o-mini', params: {}, price }, repeat: 0 });

describe('cost', () => {
  it('uses the longest matching list price, and none for unknown models', () => {
    expect(listPrice('openai:gpt-4o-mini-2024-07-18')).toEqual({ input: 0.15, output: 0.6 });
    expect(listPrice('openai:gpt-4o')).toEqual({ input: 2.5, output: 10 });
    expect(listPrice('anthropic:claude-sonnet-4-5')).toEqual({ input: 3, output: 15 });
    expect(listPrice('openai:llama3')).toBeUndefined();
    expect(costOf({ inputTokens: 1_000_000, outputTokens: 500_000 }, { input: 2, output: 8 })).toBe(6);
    expect(costOf(undefined, { input: 2, output: 8 })).toBeUndefined();
  });

  it("records each result's cost: list price, half through a batch, nothing from the cache", async () => {
    const output = makeOutput({ usage: { inputTokens: 2_000, outputTokens: 1_000 } });
    const price = { input: 0.15, output: 0.6 };
    const normal = await scoreOutput(job(price), output, [], { startedAt: 'now' });
    expect(normal.output?.costUsd).toBeCloseTo(0.0009, 10);
    const batch = await scoreOutput(job(price), output, [], { startedAt: 'now', priceFactor: 0.5 });
    expect(batch.output?.costUsd).toBeCloseTo(0.00045, 10);
    const cached = await scoreOutput(job(price), output, [], { startedAt: 'now', cached: true });
    expect(cached.output?.costUsd).toBe(0);
    const unknown = await scoreOutput(job(undefined), output, [], { startedAt: 'now' });
    expect(unknown.output?.costUsd).toBeUndefined();
  });
});
