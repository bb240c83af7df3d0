import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnthropicProvider, normalizeMessage } from '../../src/providers/anthropic.js';
import { ProviderError } from '../../src/providers/types.js';
import type { SystemConfig } from '../../src/types.js';
import { startFakeModelServer, type FakeModelServer } from '../helpers/fake-model-server.js';
import { canvasTool, makeRequest, makeSystem } from './support.js';

const KEY = 'sk-ant-test-secret-0123456789';
let server: FakeModelServer;

beforeAll(async () => {
  server = await startFakeModelServer();
});
afterAll(() => server.close());

function provider(overrides: Partial<SystemConfig> = {}, env: NodeJS.ProcessEnv = { ANTHROPIC_API_KEY: KEY }) {
  const system = makeSystem('anthropic:claude-sonnet-4-5', { baseUrl: server.anthropicBaseUrl, ...overrides });
  return createAnthropicProvider({ target: 'claude-sonnet-4-5', system, env, cwd: process.cwd() });
}

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe('anthropic provider', () => {
  it('moves system turns to `system`, defaults max_tokens to 1024 and normalizes text and usage', async () => {
    server.setBrain(() => ({ text: 'Bonjour.', usage: { input: 20, output: 4 } }));
    const output = await provider({ params: { temperature: 0.2, stop: ['END'] } }).call(
      makeRequest([
        { role: 'system', content: 'Answer in French.' },
        { role: 'user', content: 'Hello' },
      ]),
    );

    expect(output.text).toBe('Bonjour.');
    expect(output.usage).toEqual({ inputTokens: 20, outputTokens: 4 });
    expect(output.raw).toMatchObject({ type: 'message', role: 'assistant', stop_reason: 'end_turn' });
    const sent = server.requests.at(-1)!;
    expect(sent.api).toBe('anthropic');
    expect(sent.body).toMatchObject({ system: 'Answer in French.', max_tokens: 1024, temperature: 0.2, stop_sequences: ['END'] });
    expect(sent.messages).toEqual([{ role: 'user', content: 'Hello' }]);
    // SDK 1.x sends the key as a bearer token; older ones used x-api-key.
    expect(String(sent.headers['x-api-key'] ?? sent.headers.authorization)).toContain(KEY);
  });

  it('offers tools with input_schema and returns tool_use blocks as tool calls', async () => {
    server.setBrain(() => ({ text: 'Opening a canvas.', toolCalls: [{ name: 'canvas', arguments: { type: 'code' } }] }));
    const output = await provider({ params: { maxTokens: 300 } }).call(makeRequest([{ role: 'user', content: 'Write a script' }], [canvasTool]));

    expect(output.toolCalls).toEqual([{ name: 'canvas', arguments: { type: 'code' } }]);
    expect(output.text).toBe('Opening a canvas.');
    expect(server.requests.at(-1)!.body).toMatchObject({
      max_tokens: 300,
      tools: [{ name: 'canvas', description: canvasTool.description, input_schema: canvasTool.parameters }],
    });
  });

  it('joins text split by citations directly, and text around a tool call with a newline', () => {
    const content = [
      { type: 'text', text: 'The sky ' },
      { type: 'text', text: 'is blue.' },
      { type: 'tool_use', id: 't1', name: 'search', input: { q: 'sky' } },
      { type: 'text', text: 'Done.' },
    ];
    expect(normalizeMessage({ content }, 5).text).toBe('The sky is blue.\nDone.');
  });

  it('maps 429 with an HTTP-date Retry-After to rate-limit with a wait', async () => {
    const later = new Date(Date.now() + 30_000).toUTCString();
    server.setBrain(() => ({ status: 429, headers: { 'retry-after': later } }));
    const error = await failure(provider().call(makeRequest([{ role: 'user', content: 'x' }])));
    expect(error.info.kind).toBe('rate-limit');
    expect(error.retryAfterMs).toBeGreaterThan(25_000);
    expect(error.retryAfterMs).toBeLessThanOrEqual(30_000);
  });

  it('maps 529 overloaded to a retryable http error, with the API message', async () => {
    server.setBrain(() => ({ status: 529, text: 'Overloaded' }));
    const error = await failure(provider().call(makeRequest([{ role: 'user', content: 'x' }])));
    expect(error.info).toMatchObject({ kind: 'http', status: 529 });
    expect(error.message).toBe('anthropic: HTTP 529: overloaded_error: Overloaded');
    expect(error.retryable).toBe(true);
  });

  it('classifies timeouts, resets and malformed bodies', async () => {
    server.setBrain(() => ({ delayMs: 2000 }));
    expect((await failure(provider({ timeoutMs: 150 }).call(makeRequest([{ role: 'user', content: 'x' }])))).info.kind).toBe('timeout');

    server.setBrain(() => ({ destroy: true }));
    expect((await failure(provider().call(makeRequest([{ role: 'user', content: 'x' }])))).info.kind).toBe('network');

    server.setBrain(() => ({ rawBody: '{"type": "message"}', headers: { 'content-type': 'application/json' } }));
    const malformed = await failure(provider().call(makeRequest([{ role: 'user', content: 'x' }])));
    expect(malformed.info.kind).toBe('malformed');
    expect(malformed.message).toContain('content');
  });

  it('names ANTHROPIC_API_KEY when the key is missing, and reports a config error if called anyway', async () => {
    const p = provider({ baseUrl: undefined }, {});
    expect(p.missingCredential()).toBe('ANTHROPIC_API_KEY');
    const error = await failure(p.call(makeRequest([{ role: 'user', content: 'x' }])));
    expect(error.info).toEqual({ kind: 'config', message: 'ANTHROPIC_API_KEY is not set' });
  });

  it('takes the base URL from ANTHROPIC_BASE_URL', async () => {
    server.setBrain(() => ({ text: 'via env' }));
    const p = provider({ baseUrl: undefined }, { ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: server.anthropicBaseUrl });
    expect((await p.call(makeRequest([{ role: 'user', content: 'x' }]))).text).toBe('via env');
  });
});
