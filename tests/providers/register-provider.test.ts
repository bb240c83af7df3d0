import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCacheable } from '../../src/cache/response-cache.js';
import { ConfigurationError } from '../../src/errors.js';
import { registerProvider, type ProviderEntry } from '../../src/providers/registry.js';
import { runSuite } from '../../src/run/run-suite.js';
import { loadCases } from '../validate/support.js';
import { makeSystem } from './support.js';

// A provider added without touching any other file: one entry, registered at runtime. Everything
// that asks what a provider can do (the loader, the cache, prices) picks it up from the entry.

let calls = 0;
const echo: ProviderEntry = {
  prefix: 'echo',
  describe: { cacheable: true, batchable: false, recorded: false, prices: { loud: { input: 1, output: 2 } } },
  load: async () => (context) => ({
    id: context.system.provider,
    missingCredential: () => undefined,
    async call(request) {
      calls += 1;
      const last = request.messages.at(-1)?.content ?? '';
      return { text: `${context.target}: ${typeof last === 'string' ? last : ''}`, toolCalls: [], latencyMs: 1, usage: { inputTokens: 10, outputTokens: 10 } };
    },
  }),
};

let unregister: () => void;
beforeAll(() => {
  unregister = registerProvider(echo);
});
afterAll(() => unregister());

const CASES = 'input,ideal\nhello,echo\nbye,echo\n';
const CHECK = '{ type: contains, value: "loud" }';

describe('a provider registered at runtime', () => {
  it('is known to the suite loader, with the price its entry lists', async () => {
    const suite = await loadCases(CASES, { systems: ['shouty: { provider: "echo:loud" }'], checks: [CHECK] });
    expect(suite.systems[0]).toMatchObject({ provider: 'echo:loud', price: { input: 1, output: 2 } });
  });

  it('is offered by "did you mean" for a typo', async () => {
    const loading = loadCases(CASES, { systems: ['shouty: { provider: "ecko:loud" }'], checks: [CHECK] });
    await expect(loading).rejects.toThrow(ConfigurationError);
    await expect(loading).rejects.toThrow(/unknown provider "ecko:" \(did you mean "echo"\?\); known: .*echo:/);
  });

  it('is an LLM judge a comparison may name', async () => {
    const suite = await loadCases(CASES, {
      systems: ['a: { provider: "echo:loud" }', 'b: { provider: "echo:quiet" }'],
      checks: [CHECK],
      extra: ['compare: [{ a: a, b: b, judge: "echo:judge" }]'],
    });
    expect(suite.comparisons[0].judge).toBe('echo:judge');
  });

  it('has its answers cached because its entry says cacheable', async () => {
    expect(isCacheable(makeSystem('echo:loud'))).toBe(true);
    const suite = await loadCases(CASES, { systems: ['shouty: { provider: "echo:loud" }'], checks: [CHECK] });
    const options = { env: {}, cacheDir: `${suite.root}/.evals-cache`, reportsDir: `${suite.root}/reports` };
    calls = 0;
    const first = await runSuite(suite, options);
    const second = await runSuite(suite, options);
    expect(calls).toBe(2);
    expect(first.summary.systems[0]).toMatchObject({ pass: 2, cached: 0 });
    expect(second.summary.systems[0]).toMatchObject({ pass: 2, cached: 2 });
  });

  it('cannot take a prefix another entry has', () => {
    expect(() => registerProvider({ ...echo, prefix: 'openai' })).toThrow(/already registered/);
  });
});
