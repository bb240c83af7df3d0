import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/errors.js';
import { createProvider, parseProviderId, providerPrefixes } from '../../src/providers/registry.js';
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
    expect(providerPrefixes).toEqual(['openai', 'anthropic', 'exec', 'http', 'column']);
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
