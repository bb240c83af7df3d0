import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keepAliveFetch } from '../../src/providers/keep-alive-fetch.js';

// The keep-alive fetch answers plain requests with a BufferedResponse (not Node's Response, which
// would load undici); the SDKs must not be able to tell. Each answer below is fetched with Node's
// fetch and with the keep-alive fetch from the same local server, and what a reader sees is compared.

const answers: Record<string, (response: http.ServerResponse) => void> = {
  '/json': (r) => {
    r.writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'req_1', 'x-ratelimit-remaining-requests': '99' });
    r.end(JSON.stringify({ id: 'chatcmpl-1', choices: [{ message: { content: 'héllo ✓' } }] }));
  },
  '/error': (r) => {
    r.writeHead(429, 'Too Many Requests', { 'content-type': 'application/json', 'retry-after-ms': '250' });
    r.end('{"error":{"message":"slow down"}}');
  },
  '/empty': (r) => {
    r.writeHead(204);
    r.end();
  },
  '/cookies': (r) => {
    r.setHeader('set-cookie', ['a=1; Path=/', 'b=2']);
    r.setHeader('vary', 'accept');
    r.end('ok');
  },
  // Headers sent more than once: read from the raw headers, combined as fetch combines them (node:http's own
  // header object keeps only the first of some, content-type among them).
  '/repeats': (r) => {
    r.setHeader('x-many', ['1', '2']);
    r.setHeader('content-type', ['text/plain', 'text/html']);
    r.end('ok');
  },
  '/bom': (r) => {
    r.setHeader('content-type', 'text/plain; charset=utf-8');
    r.end(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('text after a byte-order mark, and a bad byte: '), Buffer.from([0xff])]));
  },
  '/echo': (r) => {
    r.setHeader('content-type', 'application/json');
    r.end(JSON.stringify({ method: r.req.method, headers: r.req.headers }));
  },
};

let server: http.Server;
let base: string;
beforeAll(async () => {
  server = http.createServer((request, response) => {
    request.resume();
    response.sendDate = false; // the two fetches are a second apart at times
    request.on('end', () => answers[request.url ?? '']?.(response));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** What a reader of the response sees, the body read the way `read` says. */
async function seen(response: Response, read: 'text' | 'json' | 'arrayBuffer' | 'blob' | 'body' | 'clone') {
  const head = {
    status: response.status,
    ok: response.ok,
    statusText: response.statusText,
    headers: [...response.headers],
    cookies: response.headers.getSetCookie(),
    requestId: response.headers.get('X-Request-Id'),
    usedBefore: response.bodyUsed,
  };
  let body: unknown;
  if (read === 'text') body = await response.text();
  else if (read === 'json') body = await response.json();
  else if (read === 'arrayBuffer') body = [...new Uint8Array(await response.arrayBuffer())];
  else if (read === 'blob') body = await (await response.blob()).text();
  else if (read === 'clone') body = [await response.clone().text(), await response.text()];
  else {
    const chunks: Uint8Array[] = [];
    if (response.body) for await (const chunk of response.body) chunks.push(chunk);
    body = response.body === null ? null : Buffer.concat(chunks).toString();
  }
  const again = await response.text().then(
    () => 'read again',
    (error: Error) => error.constructor.name,
  );
  return { ...head, body, usedAfter: response.bodyUsed, again };
}

describe('the keep-alive fetch answers as Node’s fetch does', () => {
  const reads = ['text', 'json', 'arrayBuffer', 'blob', 'body', 'clone'] as const;
  const cases: Array<[string, (typeof reads)[number]]> = [
    ...reads.map((read) => ['/json', read] as [string, (typeof reads)[number]]),
    ['/error', 'json'],
    ['/error', 'text'],
    ['/empty', 'text'],
    ['/empty', 'body'],
    ['/cookies', 'text'],
    ['/repeats', 'text'],
    ['/bom', 'text'],
    ['/bom', 'arrayBuffer'],
  ];
  it.each(cases)('%s read with %s()', async (path, read) => {
    const fetched = await seen(await fetch(base + path), read);
    const kept = await seen(await keepAliveFetch()(base + path), read);
    expect(kept).toEqual(fetched);
  });

  it('sends the headers it is given, from Node’s Headers, a record or pairs', async () => {
    const send = async (headers: HeadersInit) => {
      const response = await keepAliveFetch()(`${base}/echo`, { method: 'POST', headers, body: '{"a":1}' });
      return ((await response.json()) as { method: string; headers: Record<string, string> }).headers;
    };
    for (const headers of [
      new Headers({ Authorization: 'Bearer k', 'X-Two': 'a' }),
      { Authorization: 'Bearer k', 'X-Two': 'a' },
      [
        ['Authorization', 'Bearer k'],
        ['X-Two', 'a'],
      ] as [string, string][],
    ]) {
      expect(await send(headers)).toMatchObject({ authorization: 'Bearer k', 'x-two': 'a', 'content-length': '7' });
    }
  });
});
