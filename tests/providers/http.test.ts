import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpProvider } from '../../src/providers/http.js';
import { ProviderError } from '../../src/providers/types.js';
import type { SystemConfig } from '../../src/types.js';
import { makeCase, makeRequest, makeSystem } from './support.js';

// A tiny service of the team's own: answers according to the path.
let server: Server;
let base: string;
let lastBody: unknown;
let lastHeaders: IncomingHttpHeaders;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      lastBody = JSON.parse(body);
      lastHeaders = req.headers;
      if (req.url === '/json') return res.end(JSON.stringify({ text: 'hi', tool_calls: [{ name: 'canvas', arguments: '{"type":"code"}' }] }));
      if (req.url === '/plain') return res.end('just text\n');
      if (req.url === '/empty') return res.end('  \n');
      if (req.url === '/busy') return res.writeHead(429, { 'retry-after': '3' }).end('busy');
      if (req.url === '/slow') return setTimeout(() => res.end('late'), 1000);
      res.writeHead(500).end('internal error');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});

function provider(path: string, overrides: Partial<SystemConfig> = {}, env: NodeJS.ProcessEnv = {}) {
  return createHttpProvider({ target: base + path, system: makeSystem(`http:${base}${path}`, overrides), env, cwd: '.' });
}

const request = () => {
  const kase = makeCase({ id: 'c9', columns: { topic: 'tides' } });
  return makeRequest([{ role: 'user', content: 'hello' }], [], kase);
};

describe('http provider', () => {
  it('errors when the service answers 200 with an empty body, instead of scoring an empty reply', async () => {
    const error = await provider('/empty')
      .call(request())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).message).toContain(`http: ${base}/empty answered nothing`);
    expect((error as ProviderError).retryable).toBe(false);
  });

  it('POSTs the case as JSON and reads JSON replies, with headers from the suite and env', async () => {
    const p = provider('/json', { headers: { authorization: 'Bearer ${BOT_TOKEN}', 'x-team': 'evals' } }, { BOT_TOKEN: 'tok-123' });
    const output = await p.call(request());
    expect(output.text).toBe('hi');
    expect(output.toolCalls).toEqual([{ name: 'canvas', arguments: { type: 'code' } }]);
    expect(lastBody).toMatchObject({ id: 'c9', messages: [{ role: 'user', content: 'hello' }], columns: { topic: 'tides' } });
    expect(lastHeaders).toMatchObject({ authorization: 'Bearer tok-123', 'x-team': 'evals', 'content-type': 'application/json' });
  });

  it('names a header variable that is not set as the missing credential', () => {
    expect(provider('/json', { headers: { authorization: 'Bearer ${BOT_TOKEN}' } }).missingCredential()).toBe('BOT_TOKEN');
    expect(provider('/json').missingCredential()).toBeUndefined();
  });

  it('reads a plain-text body as the text', async () => {
    expect((await provider('/plain').call(request())).text).toBe('just text');
  });

  it('maps non-2xx to http errors and 429 to rate-limit', async () => {
    const failed = (await provider('/error')
      .call(request())
      .catch((e: unknown) => e)) as ProviderError;
    expect(failed.info).toMatchObject({ kind: 'http', status: 500 });
    expect(failed.message).toContain('internal error');

    const busy = (await provider('/busy')
      .call(request())
      .catch((e: unknown) => e)) as ProviderError;
    expect(busy.info.kind).toBe('rate-limit');
    expect(busy.retryAfterMs).toBe(3000);
  });

  it('times out and reports unreachable services as network errors', async () => {
    const slow = (await provider('/slow', { timeoutMs: 100 })
      .call(request())
      .catch((e: unknown) => e)) as ProviderError;
    expect(slow.info.kind).toBe('timeout');

    const down = createHttpProvider({ target: 'http://127.0.0.1:1/bot', system: makeSystem('http:http://127.0.0.1:1/bot'), env: {}, cwd: '.' });
    const error = (await down.call(request()).catch((e: unknown) => e)) as ProviderError;
    expect(error.info.kind).toBe('network');
  });
});
