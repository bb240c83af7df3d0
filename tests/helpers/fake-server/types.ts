// The fake model server's vocabulary, shared by its routes and by tests that script it.

import type { FakeLimiter } from './rate-limit.js';

/** One model call as the fake server understood it, in a provider-neutral shape. */
export interface FakeRequest {
  api: 'openai' | 'anthropic';
  model: string;
  system?: string;
  /** Non-system turns, content flattened to text (tool results and calls become text too). */
  messages: { role: string; content: string }[];
  tools: { name: string; description?: string; parameters: unknown }[];
  /** The request body exactly as the SDK sent it. */
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
}

/** What the brain wants the server to answer. Everything is optional: `{}` is an empty text reply. */
export interface FakeReply {
  text?: string;
  toolCalls?: { name: string; arguments: unknown }[];
  usage?: { input: number; output: number };
  /** Error responses, e.g. 429 with `headers: {'retry-after': '2'}`. */
  status?: number;
  headers?: Record<string, string>;
  /** Replaces the API-shaped error body for an error status. */
  errorBody?: unknown;
  /** Wait before answering (timeouts). */
  delayMs?: number;
  /** Send this string as the body instead of a well-formed reply (malformed responses). */
  rawBody?: string;
  /** Reset the connection without answering. */
  destroy?: boolean;
  /** What the response says served it (OpenAI: `model`, `system_fingerprint`); default the requested model and `fp_fake`. */
  model?: string;
  systemFingerprint?: string;
}

export type FakeBrain = (request: FakeRequest) => FakeReply | Promise<FakeReply>;

/** An HTTP request as a route sees it: body already read and (when possible) parsed as JSON. */
export interface RouteRequest {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  rawBody: string;
  /** Parsed JSON body, or undefined when the body was empty or not JSON. */
  body: unknown;
}

/** What a route wants sent back. The server applies delay/destroy uniformly for every route. */
export interface RouteResponse {
  status: number;
  headers?: Record<string, string>;
  /** Serialized as JSON unless `rawBody` is given. */
  body?: unknown;
  rawBody?: string;
  delayMs?: number;
  destroy?: boolean;
}

/** State shared by every route of one server. */
export interface RouteContext {
  brain(): FakeBrain;
  record(request: FakeRequest): void;
  /** The server's rate limit, when it enforces one (see rate-limit.ts). */
  limiter?: FakeLimiter;
}

/** One entry of the route table. `path` segments starting with `:` are parameters (`/v1/batches/:id`). */
export interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  handle(request: RouteRequest, context: RouteContext): RouteResponse | Promise<RouteResponse>;
}

/** How one model API reads requests and writes replies; lets batch routes reuse the same shapes later. */
export interface ApiDialect {
  api: FakeRequest['api'];
  /** Turn a request body into a FakeRequest, or return a message saying what is wrong with it. */
  parse(body: unknown, headers: FakeRequest['headers']): FakeRequest | string;
  /** The success body for a reply. */
  render(reply: FakeReply, request: FakeRequest): unknown;
  /** An error body shaped like the real API's, so the SDK raises its typed error. */
  errorBody(status: number, message: string): unknown;
}
