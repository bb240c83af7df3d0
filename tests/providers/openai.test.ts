import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenAIProvider } from '../../src/providers/openai.js';
import { ProviderError } from '../../src/providers/types.js';
import type { SystemConfig } from '../../src/types.js';
import { closedPort } from '../helpers/closed-port.js';
import { startFakeModelServer, type FakeModelServer } from '../helpers/fake-model-server.js';
import { canvasTool, makeRequest, makeSystem } from './support.js';

const KEY = 'sk-test-secret-key-1234567890';
let server: FakeModelServer;

beforeAll(async () => {
  server = await startFakeModelServer();
});
afterAll(() => server.close());

function provider(overrides: Partial<SystemConfig> = {}, env: NodeJS.ProcessEnv = { OPENAI_API_KEY: KEY }) {
  const system = makeSystem('openai:gpt-4o-mini', { baseUrl: server.openaiBaseUrl, ...overrides });
  return createOpenAIProvider({ target: 'gpt-4o-mini', system, env, cwd: process.cwd() });
}

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe('openai provider', () => {
  it('sends the conversation and params, and normalizes a text reply with usage', async () => {
    server.setBrain(() => ({ text: 'Paris.', usage: { input: 12, output: 3 } }));
    const p = provider({ params: { temperature: 0, maxTokens: 50, topP: 0.5, stop: ['\n\n'], extra: { seed: 7 } } });
    const output = await p.call(
      makeRequest([
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Capital of France?' },
      ]),
    );

    expect(output.text).toBe('Paris.');
    expect(output.toolCalls).toEqual([]);
    expect(output.usage).toEqual({ inputTokens: 12, outputTokens: 3 });
    expect(output.latencyMs).toBeGreaterThanOrEqual(0);
    expect(output.raw).toMatchObject({ object: 'chat.completion', model: 'gpt-4o-mini' });

    const sent = server.requests.at(-1)!;
    expect(sent.system).toBe('Be brief.');
    expect(sent.body).toMatchObject({ model: 'gpt-4o-mini', temperature: 0, max_tokens: 50, top_p: 0.5, stop: ['\n\n'], seed: 7 });
    expect(sent.body).not.toHaveProperty('tools');
    expect(sent.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it('offers tools in function format and parses tool-call arguments', async () => {
    server.setBrain(() => ({ toolCalls: [{ name: 'canvas', arguments: { type: 'document' } }] }));
    const output = await provider().call(makeRequest([{ role: 'user', content: 'Draft an essay' }], [canvasTool]));

    expect(output.toolCalls).toEqual([{ name: 'canvas', arguments: { type: 'document' } }]);
    expect(output.text).toBe('');
    expect(server.requests.at(-1)!.body).toMatchObject({
      tools: [{ type: 'function', function: { name: 'canvas', description: canvasTool.description, parameters: canvasTool.parameters } }],
    });
  });

  it('keeps a tool call whose argument JSON is broken, with the raw text under __unparsed', async () => {
    server.setBrain(() => ({ toolCalls: [{ name: 'canvas', arguments: '{"type": "doc' }] }));
    const output = await provider().call(makeRequest([{ role: 'user', content: 'x' }], [canvasTool]));
    expect(output.toolCalls).toEqual([{ name: 'canvas', arguments: { __unparsed: '{"type": "doc' } }]);
  });

  it('maps 429 with Retry-After to a retryable rate-limit error', async () => {
    server.setBrain(() => ({ status: 429, headers: { 'retry-after': '2' }, text: 'Rate limit reached' }));
    const error = await failure(provider().call(makeRequest([{ role: 'user', content: 'x' }])));
    expect(error.info).toMatchObject({ kind: 'rate-limit', status: 429 });
    expect(error.retryAfterMs).toBe(2000);
    expect(error.message).toContain('Rate limit reached');
    expect(error.retryable).toBe(true);
  });

  it('maps 500 to an http error with its status', async () => {
    server.setBrain(() => ({ status: 500, text: 'The server had an error' }));
    const error = await failure(provider().call(makeRequest([{ role: 'user', content: 'x' }])));
    expect(error.info).toMatchObject({ kind: 'http', status: 500 });
    expect(error.retryable).toBe(true);
  });

  it('maps 401 to a non-retryable http error that does not contain the key', async () => {
    server.setBrain(() => ({ status: 401, text: `Incorrect API key provided: ${KEY}` }));
    const error = await failure(provider().call(makeRequest([{ role: 'user', content: 'x' }])));
    expect(error.info).toMatchObject({ kind: 'http', status: 401 });
    expect(error.retryable).toBe(false);
    expect(error.message).not.toContain(KEY);
  });

  it('times out when the server is slower than timeoutMs', async () => {
    server.setBrain(() => ({ text: 'late', delayMs: 2000 }));
    const error = await failure(provider({ timeoutMs: 150 }).call(makeRequest([{ role: 'user', content: 'x' }])));
    expect(error.info.kind).toBe('timeout');
  });

  it('tells a cancellation by the runner from a timeout signal', async () => {
    server.setBrain(() => ({ text: 'late', delayMs: 2000 }));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const cancelled = await failure(provider().call({ ...makeRequest([{ role: 'user', content: 'x' }]), signal: controller.signal }));
    expect(cancelled.info).toMatchObject({ kind: 'other', message: 'request cancelled' });

    const timedOut = await failure(provider().call({ ...makeRequest([{ role: 'user', content: 'x' }]), signal: AbortSignal.timeout(50) }));
    expect(timedOut.info.kind).toBe('timeout');
  });

  it('reports a reset connection as a network error that names the server', async () => {
    server.setBrain(() => ({ destroy: true }));
    const error = await failure(provider().call(makeRequest([{ role: 'user', content: 'x' }])));
    expect(error.info.kind).toBe('network');
    expect(error.message).toContain(`openai: could not reach ${server.openaiBaseUrl}: Connection error.`);
  });

  it('never shows a password or query of the base URL in a connection error', async () => {
    const port = await closedPort();
    const withCredentials = `http://proxy-user:hunter22pass@127.0.0.1:${port}/v1?api-key=hunter33query`;
    const error = await failure(provider({ baseUrl: withCredentials }).call(makeRequest([{ role: 'user', content: 'x' }])));
    expect(error.info.kind).toBe('network');
    expect(error.message).toContain(`could not reach http://127.0.0.1:${port}/v1:`);
    expect(error.message).not.toMatch(/hunter2|hunter3|proxy-user/);
  });

  it('reports a body that is not JSON, or JSON without choices, as malformed', async () => {
    server.setBrain(() => ({ rawBody: '<html>gateway</html>' }));
    expect((await failure(provider().call(makeRequest([{ role: 'user', content: 'x' }])))).info.kind).toBe('malformed');

    server.setBrain(() => ({ rawBody: '{"choices": [', headers: { 'content-type': 'application/json' } }));
    expect((await failure(provider().call(makeRequest([{ role: 'user', content: 'x' }])))).info.kind).toBe('malformed');

    server.setBrain(() => ({ rawBody: '{"id": "x"}', headers: { 'content-type': 'application/json' } }));
    const error = await failure(provider().call(makeRequest([{ role: 'user', content: 'x' }])));
    expect(error.info.kind).toBe('malformed');
    expect(error.message).toContain('choices');
  });

  it('names OPENAI_API_KEY (or api_key_env) when the key is missing for a remote endpoint', () => {
    expect(provider({ baseUrl: undefined }, {}).missingCredential()).toBe('OPENAI_API_KEY');
    expect(provider({ baseUrl: 'https://example.com/v1', apiKeyEnv: 'MY_KEY' }, {}).missingCredential()).toBe('MY_KEY');
    expect(provider({ baseUrl: undefined }).missingCredential()).toBeUndefined();
  });

  it('needs no key for a local OpenAI-compatible server (Ollama, vLLM)', async () => {
    server.setBrain(() => ({ text: 'local answer' }));
    const p = provider({}, {});
    expect(p.missingCredential()).toBeUndefined();
    expect((await p.call(makeRequest([{ role: 'user', content: 'x' }]))).text).toBe('local answer');
  });

  it('takes the base URL from OPENAI_BASE_URL when the suite sets none', async () => {
    server.setBrain(() => ({ text: 'via env' }));
    const p = provider({ baseUrl: undefined }, { OPENAI_BASE_URL: server.openaiBaseUrl });
    expect((await p.call(makeRequest([{ role: 'user', content: 'x' }]))).text).toBe('via env');
  });
});
