import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createSecureServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { anthropicDialect } from './fake-server/anthropic-dialect.js';
import { modelRoute } from './fake-server/model-route.js';
import { openaiDialect } from './fake-server/openai-dialect.js';
import { plausibleBrain } from './fake-server/plausible-brain.js';
import { matchRoute } from './fake-server/router.js';
import { FakeLimiter, type FakeRateLimit } from './fake-server/rate-limit.js';
import type { FakeBrain, FakeRequest, Route, RouteContext, RouteResponse } from './fake-server/types.js';

// A local stand-in for the OpenAI and Anthropic APIs, speaking their wire formats so tests run the
// real SDKs end to end. Routes live in one table: adding an endpoint (e.g. the Batch APIs) is
// adding an entry, with the dialects' parse/render reused.

export type { FakeBrain, FakeReply, FakeRequest, Route } from './fake-server/types.js';
export type { FakeRateLimit } from './fake-server/rate-limit.js';
export { plausibleBrain } from './fake-server/plausible-brain.js';

export interface FakeModelServer {
  url: string;
  /** `url + '/v1'`, for the OpenAI SDK's `baseURL`. */
  openaiBaseUrl: string;
  /** `url`, for the Anthropic SDK's `baseURL` (it appends `/v1/messages`). */
  anthropicBaseUrl: string;
  /** Every model call received, in arrival order. */
  requests: FakeRequest[];
  /** Requests answered 429 for being beyond `rateLimit` (the brain's own 429s are not counted). */
  readonly rejected: number;
  /** The most requests the server was answering at once. */
  readonly maxInFlight: number;
  /** Forget `requests`, `rejected` and `maxInFlight` between scenarios (the limit's buckets go on). */
  resetCounts(): void;
  setBrain(brain: FakeBrain): void;
  close(): Promise<void>;
}

export interface FakeServerOptions {
  /** Extra routes, matched before the built-in ones. */
  routes?: Route[];
  /** Enforce a rate limit on the model routes, stating it in each dialect's headers on every response. */
  rateLimit?: FakeRateLimit;
  /** Serve https with this key and certificate (PEM) instead of plain http. */
  tls?: { key: string; cert: string };
}

/** The built-in route table. */
const defaultRoutes: Route[] = [modelRoute('/v1/chat/completions', openaiDialect), modelRoute('/v1/messages', anthropicDialect)];

/** Events rather than `for await`: the async iterator costs a promise per chunk, which shows in the benchmark. */
function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/** Start a fake model server on 127.0.0.1 with a random port. Without a brain it uses `plausibleBrain`. */
export async function startFakeModelServer(brain: FakeBrain = plausibleBrain, options: FakeServerOptions = {}): Promise<FakeModelServer> {
  let current = brain;
  const requests: FakeRequest[] = [];
  const routes = [...(options.routes ?? []), ...defaultRoutes];
  const timers = new Set<NodeJS.Timeout>();
  const limiter = options.rateLimit ? new FakeLimiter(options.rateLimit) : undefined;
  const context: RouteContext = { brain: () => current, record: (request) => requests.push(request), limiter };
  let inFlight = 0;
  let maxInFlight = 0;
  let rejectedBefore = 0;

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  async function respond(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const rawBody = await readBody(req);
    const match = matchRoute(routes, req.method ?? 'GET', url.pathname);
    let reply: RouteResponse;
    if (!match) {
      reply = { status: 404, body: { error: { message: `fake server: no route for ${req.method} ${url.pathname}`, type: 'not_found_error' } } };
    } else {
      const routeRequest = { method: req.method ?? 'GET', path: url.pathname, params: match.params, query: url.searchParams, headers: req.headers, rawBody, body: parseJson(rawBody) };
      reply = await match.route.handle(routeRequest, context);
    }
    if (reply.delayMs) await wait(reply.delayMs);
    if (reply.destroy) {
      req.socket.destroy();
      return;
    }
    if (res.destroyed || res.writableEnded) return;
    const body = reply.rawBody ?? JSON.stringify(reply.body ?? {});
    const contentType = reply.rawBody !== undefined ? 'text/plain' : 'application/json';
    res.writeHead(reply.status, { 'content-type': contentType, 'x-request-id': `req_fake_${requests.length}`, ...reply.headers });
    res.end(body);
  }

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on('close', () => (inFlight -= 1));
    respond(req, res).catch((error: unknown) => {
      if (res.headersSent || res.destroyed) return;
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: `fake server brain failed: ${String(error)}`, type: 'api_error' } }));
    });
  };
  const server = options.tls ? createSecureServer(options.tls, handle) : createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `${options.tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    openaiBaseUrl: `${url}/v1`,
    anthropicBaseUrl: url,
    requests,
    get rejected() {
      return (limiter?.rejected ?? 0) - rejectedBefore;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    resetCounts() {
      requests.length = 0;
      rejectedBefore = limiter?.rejected ?? 0;
      maxInFlight = inFlight;
    },
    setBrain(next) {
      current = next;
    },
    close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
