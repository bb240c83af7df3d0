import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/errors.js';
import { batchClientFactories } from '../../src/batch/registry.js';
import { capabilitiesOf, createProvider, findProviderRef, parseProviderId, providerEntries, providerEntry, providerPrefixes, providerRef } from '../../src/providers/registry.js';
import { makeSystem } from './support.js';

describe('parseProviderId', () => {
  it('splits on the first colon only', () => {
    expect(parseProviderId('openai:gpt-4o-mini')).toEqual({ prefix: 'openai', target: 'gpt-4o-mini' });
    expect(parseProviderId('http:https://bot.example.com:8443/chat')).toEqual({ prefix: 'http', target: 'https://bot.example.com:8443/chat' });
    expect(parseProviderId('exec:python bot.py --mode a:b')).toEqual({ prefix: 'exec', target: 'python bot.py --mode a:b' });
  });

  it('rejects ids without a prefix or target', () => {
    expect(() => parseProviderId('gpt-4o')).toThrow(ConfigurationError);
    expect(() => parseProviderId('openai:')).toThrow(/must look like/);
  });
});

describe('createProvider', () => {
  it('builds each registered provider by its exact prefix', async () => {
    expect(providerPrefixes()).toEqual(['openai', 'anthropic', 'exec', 'http', 'column']);
    for (const id of ['openai:gpt-4o-mini', 'anthropic:claude-sonnet-4-5', 'exec:node bot.js', 'http:http://127.0.0.1:9/x', 'column:current_behavior']) {
      expect((await createProvider(makeSystem(id), {}, '.')).id).toBe(id);
    }
  });

  it('suggests the closest prefix for a typo', async () => {
    await expect(createProvider(makeSystem('opnai:gpt-4o'), {}, '.')).rejects.toThrow(/unknown provider "opnai".*did you mean "openai"/);
  });

  it('does not match prototype keys or prefixes of prefixes', async () => {
    await expect(createProvider(makeSystem('constructor:x'), {}, '.')).rejects.toThrow(ConfigurationError);
    await expect(createProvider(makeSystem('open:gpt-4o'), {}, '.')).rejects.toThrow(/unknown provider "open"/);
  });
});

describe('provider entries', () => {
  it('each declares what it can do, so no module reads the id to guess', () => {
    for (const { prefix, describe: can } of providerEntries()) {
      expect([prefix, typeof can.cacheable, typeof can.batchable, typeof can.recorded]).toEqual([prefix, 'boolean', 'boolean', 'boolean']);
    }
    const having = (capability: 'cacheable' | 'batchable' | 'recorded') =>
      providerEntries()
        .filter((e) => e.describe[capability])
        .map((e) => e.prefix);
    expect(having('recorded')).toEqual(['column']);
    expect(having('batchable')).toEqual(['openai', 'anthropic']);
    expect(having('cacheable')).toEqual(['openai', 'anthropic']);
  });

  it('has a batch client for exactly the batchable providers', () => {
    const batchable = providerEntries()
      .filter((e) => e.describe.batchable)
      .map((e) => e.prefix);
    expect([...batchClientFactories.keys()]).toEqual(batchable);
  });

  it('names the key variable and the price list of the model APIs', () => {
    expect(providerEntry('openai')?.describe.credentials).toEqual({ keyEnv: 'OPENAI_API_KEY', baseUrlEnv: 'OPENAI_BASE_URL', defaultBaseUrl: 'https://api.openai.com/v1' });
    expect(providerEntry('anthropic')?.describe.credentials?.keyEnv).toBe('ANTHROPIC_API_KEY');
    expect(providerEntry('openai')?.describe.prices?.['gpt-4o-mini']).toEqual({ input: 0.15, output: 0.6 });
    expect(providerEntry('column')?.describe.credentials).toBeUndefined();
  });
});

describe('providerRef', () => {
  it('parses an id once into its prefix, target and entry', () => {
    const ref = providerRef('column:current_behavior');
    expect([ref.id, ref.prefix, ref.target, ref.entry.describe.recorded]).toEqual(['column:current_behavior', 'column', 'current_behavior', true]);
  });

  it('rejects an unknown prefix with the closest known one', () => {
    expect(() => providerRef('anthropc:claude')).toThrow(/unknown provider "anthropc" in "anthropc:claude" \(did you mean "anthropic"\?\)/);
    expect(findProviderRef('anthropc:claude')).toBeUndefined();
    expect(findProviderRef('toString:x')).toBeUndefined();
  });

  it('knows nothing about a provider no entry has (an old run read today)', () => {
    expect(capabilitiesOf('retired:model')).toEqual({ cacheable: false, batchable: false, recorded: false });
  });
});
