import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capabilitiesOf, createProvider, providerEntry, providerRef } from '../../src/providers/registry.js';
import { ProviderError, type Provider, type ProviderRequest } from '../../src/providers/types.js';
import { executeJob } from '../../src/run/execute-job.js';
import { renderMessages } from '../../src/providers/render-request.js';
import type { RetryPolicy } from '../../src/providers/retry.js';
import type { CheckSpec, ResultRecord } from '../../src/types.js';
import { contractAdapters, SCRIPT, type Scenario, type Setup } from './contract-adapters.js';

// The provider contract: every provider, built the way a run builds it (createProvider from the
// registry), is scripted to give the same answers and must come out the same (evalite's storage
// contract, applied to providers). Differences a provider is allowed are data in its adapter.

const FAST_RETRIES: RetryPolicy = { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 5 };
const CALLS_CANVAS: CheckSpec = { type: 'tool-called', tool: 'canvas' };

function requestFor(setup: Setup): ProviderRequest {
  return { case: setup.case, messages: renderMessages(setup.system, setup.case), tools: setup.system.tools ?? [], repeat: 0 };
}

/** A provider that counts the calls the runner makes, so retries can be asserted for every provider alike. */
function counting(provider: Provider): { provider: Provider; calls: () => number } {
  let calls = 0;
  const counted: Provider = { id: provider.id, endpoint: provider.endpoint, missingCredential: () => provider.missingCredential(), call: (request) => (calls++, provider.call(request)) };
  return { provider: counted, calls: () => calls };
}

async function rejection(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => new Error('expected the call to fail, but it answered'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe.each(contractAdapters)('provider contract: $name', (adapter) => {
  beforeAll(() => adapter.start());
  afterAll(() => adapter.stop());

  async function build(scenario: Scenario) {
    const setup = adapter.setup(scenario);
    const provider = await createProvider(setup.system, setup.env, setup.cwd);
    return { setup, provider, call: () => provider.call(requestFor(setup)) };
  }

  async function runJob(scenario: Scenario): Promise<{ record: ResultRecord; calls: number }> {
    const { setup, provider } = await build(scenario);
    const counted = counting(provider);
    const record = await executeJob({ case: setup.case, system: setup.system, repeat: 0 }, { provider: counted.provider, checks: [CALLS_CANVAS], retryPolicy: FAST_RETRIES });
    if (!record) throw new Error('the job was cut short');
    return { record, calls: counted.calls() };
  }

  it('is built by the registry from its id, under its own prefix, and is ready when configured', async () => {
    const { setup, provider } = await build('text');
    expect(provider.id).toBe(setup.system.provider);
    expect(providerRef(setup.system.provider).prefix).toBe(adapter.name);
    expect(provider.missingCredential()).toBeUndefined();
  });

  it("declares its capabilities in the registry, and names the registry's key variable when the key is missing", async () => {
    const { system, env, cwd } = adapter.unconfigured();
    const declared = capabilitiesOf(system.provider);
    expect(declared).toBe(providerEntry(adapter.name)?.describe);
    expect({ cacheable: declared.cacheable, batchable: declared.batchable, recorded: declared.recorded }).toEqual(adapter.capabilities);
    expect(declared.credentials?.keyEnv).toBe(adapter.keyEnv);
    // A provider the runner calls measures latency; a recorded one has none to measure.
    expect(adapter.measuresLatency).toBe(!declared.recorded);
    expect((await createProvider(system, env, cwd)).missingCredential()).toBe(adapter.keyEnv);
  });

  it('normalizes a plain text answer: text, no tool calls', async () => {
    const output = await (await build('text')).call();
    expect(output.text).toBe(SCRIPT.text);
    expect(output.toolCalls).toEqual([]);
  });

  it('parses a tool call and its arguments into toolCalls, beside the text', async () => {
    const output = await (await build('tool')).call();
    expect(output.toolCalls).toEqual([SCRIPT.call]);
    expect(output.text).toBe(SCRIPT.toolText);
  });

  it('hands the runner an output it scores: a tool call passes tool-called, text alone fails it', async () => {
    const called = await runJob('tool');
    expect(called.record).toMatchObject({ status: 'pass', retries: 0, output: { toolCalls: [SCRIPT.call] } });
    expect(called.calls).toBe(1);
    expect((await runJob('text')).record).toMatchObject({ status: 'fail', retries: 0, output: { text: SCRIPT.text } });
  });

  it('reports latency and usage where it has them', async () => {
    const output = await (await build('text')).call();
    expect(Number.isInteger(output.latencyMs)).toBe(true);
    if (adapter.measuresLatency) expect(output.latencyMs).toBeGreaterThanOrEqual(SCRIPT.delayMs - 5);
    else expect(output.latencyMs).toBe(0);
    if (adapter.reportsUsage) expect(output.usage).toEqual({ inputTokens: SCRIPT.usage.input, outputTokens: SCRIPT.usage.output });
    else expect(output.usage).toBeUndefined();
  });

  it(`treats an answer that starts as JSON but is cut short as ${adapter.garbled}`, async () => {
    const { call } = await build('garbled');
    if (adapter.garbled === 'malformed') {
      expect((await rejection(call())).info.kind).toBe('malformed');
    } else {
      expect(await call()).toMatchObject({ text: '{"text": "The capital of', toolCalls: [] });
    }
  });

  it.each(adapter.failures)('classifies $scenario as a $kind error, and the runner records an error result', async (failure) => {
    const error = await rejection((await build(failure.scenario)).call());
    expect(error.info.kind).toBe(failure.kind);
    expect(error.info.status).toBe(failure.status);
    expect(error.retryable).toBe(failure.retryable);
    expect(error.message).toContain(failure.says);

    // Through the runner: retried when retryable, then an error result (neither pass nor fail, no output).
    const { record, calls } = await runJob(failure.scenario);
    const retries = failure.retryable ? FAST_RETRIES.maxRetries : 0;
    expect(record).toMatchObject({ status: 'error', error: { kind: failure.kind }, checks: [], retries });
    expect(record.error?.status).toBe(failure.status);
    expect(record.output).toBeUndefined();
    expect(record.retryKinds).toEqual(failure.retryable ? Array(retries).fill(failure.kind) : undefined);
    expect(calls).toBe(retries + 1);
  });
});
