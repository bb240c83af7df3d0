import { describe, expect, it } from 'vitest';
import { createColumnProvider } from '../../src/providers/column.js';
import { ProviderError } from '../../src/providers/types.js';
import { makeCase, makeRequest, makeSystem } from './support.js';

const provider = createColumnProvider({ target: 'current_behavior', system: makeSystem('column:current_behavior'), env: {}, cwd: '.' });

function requestWith(columns: Record<string, string>) {
  const kase = makeCase({ columns });
  return makeRequest(kase.messages, [], kase);
}

describe('column provider', () => {
  it('returns the recorded output, tool calls parsed', async () => {
    const output = await provider.call(requestWith({ current_behavior: 'Here you go.\n→ canvas(type: document)' }));
    expect(output).toEqual({
      text: 'Here you go.',
      toolCalls: [{ name: 'canvas', arguments: { type: 'document' } }],
      latencyMs: 0,
      raw: 'Here you go.\n→ canvas(type: document)',
    });
  });

  it('makes an empty cell a config error naming the column', async () => {
    const error = (await provider.call(requestWith({ current_behavior: '  ' })).catch((e: unknown) => e)) as ProviderError;
    expect(error).toBeInstanceOf(ProviderError);
    expect(error.info).toEqual({ kind: 'config', message: 'no output recorded in column current_behavior' });
    expect(error.retryable).toBe(false);
  });

  it('makes a missing column a config error too', async () => {
    const error = (await provider.call(requestWith({ other: 'x' })).catch((e: unknown) => e)) as ProviderError;
    expect(error.info.message).toBe('the dataset has no column "current_behavior"');
  });

  it('needs no credentials', () => {
    expect(provider.missingCredential()).toBeUndefined();
  });
});
