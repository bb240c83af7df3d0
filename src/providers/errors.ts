import { redactMessage, redactText } from '../secrets/redact.js';
import { isObject } from './json-output.js';
import type { HeaderGetter } from './rate-limit-headers.js';
import { shownEndpoint } from './shown-endpoint.js';
import { ProviderError } from './types.js';

// One place that turns SDK, fetch and HTTP failures into ProviderError kinds, so every provider
// classifies the same failure the same way and the scheduler's retry policy means one thing.

/** A fetch Headers (Node's, or the CLI's FetchHeaders: see fetch-headers.ts) or node:http's header record. */
type HeaderSource = HeaderGetter | Record<string, string | string[] | undefined> | undefined;

function header(headers: HeaderSource, name: string): string | undefined {
  if (!headers) return undefined;
  if (isHeaderGetter(headers)) return headers.get(name) ?? undefined;
  const value = headers[name] ?? headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

function isHeaderGetter(headers: NonNullable<HeaderSource>): headers is HeaderGetter {
  return typeof headers.get === 'function';
}

/**
 * Milliseconds to wait from `retry-after-ms`, or `retry-after` in seconds or as an HTTP date.
 * Use for any 429/503 response; undefined when the server gave no usable hint.
 */
export function retryAfterMs(headers: HeaderSource, now: number = Date.now()): number | undefined {
  const ms = header(headers, 'retry-after-ms');
  if (ms !== undefined && ms.trim() !== '' && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  const value = header(headers, 'retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Remove the provider's own secrets (its key, even a short test key), every secret the process knows
 * (src/secrets/redact.ts) and anything shaped like an API key, so no message or report leaks one.
 */
export function redact(message: string, secrets: (string | undefined)[] = []): string {
  // Known secrets first, so they read as the variable they came from rather than `***`.
  let text = redactText(message);
  for (const secret of secrets) if (secret && secret.length >= 4) text = text.split(secret).join('***');
  return redactMessage(text);
}

/**
 * The error for a non-2xx HTTP response: 429 → rate-limit (with Retry-After), else http with status.
 * `message` is used as given after redaction; say which service answered.
 */
export function httpStatusError(status: number, text: string, headers?: HeaderSource, secrets: (string | undefined)[] = []): ProviderError {
  const message = redact(text, secrets);
  // OpenAI answers a spent credit balance with 429 `insufficient_quota`: no wait ends it, so it is a
  // final error rather than a rate limit (which a run waits out without spending retries).
  if (status === 429 && !message.includes('insufficient_quota')) return new ProviderError({ kind: 'rate-limit', message, status }, retryAfterMs(headers));
  return new ProviderError({ kind: 'http', message, status }, status === 503 ? retryAfterMs(headers) : undefined);
}

/** A response that arrived but is not what the API promises (not JSON, no choices/content). */
export function malformedError(label: string, detail: string): ProviderError {
  return new ProviderError({ kind: 'malformed', message: `${label}: malformed response: ${detail}` });
}

/** For a call made although missingCredential() said no: the runner should have skipped the system. */
export function missingKeyError(envVar: string): ProviderError {
  return new ProviderError({ kind: 'config', message: `${envVar} is not set` });
}

/** A short description of an unexpected body for `malformed` messages. */
export function describeBody(body: unknown): string {
  if (typeof body === 'string') return body.trim() === '' ? 'an empty body' : `text ${JSON.stringify(body.slice(0, 120))}`;
  if (body === null || body === undefined) return 'an empty body';
  return Array.isArray(body) ? 'an array' : typeof body;
}

/** True when an abort came from a timeout (AbortSignal.timeout) rather than a cancellation. */
function isTimeoutReason(reason: unknown): boolean {
  return reason instanceof Error && (reason.name === 'TimeoutError' || reason.name === 'APIConnectionTimeoutError');
}

/** The error for a request the caller's signal aborted. */
export function abortedError(signal: AbortSignal | undefined): ProviderError {
  if (isTimeoutReason(signal?.reason)) return new ProviderError({ kind: 'timeout', message: 'request timed out' });
  return new ProviderError({ kind: 'other', message: 'request cancelled' });
}

/** The error's message and its chain of causes (`fetch failed; ECONNRESET other side closed`). */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const causes: string[] = [];
  let cause: unknown = error.cause;
  for (let depth = 0; cause instanceof Error && depth < 4; depth++, cause = cause.cause) {
    const code = 'code' in cause && typeof cause.code === 'string' ? cause.code : undefined;
    causes.push([code, cause.message].filter(Boolean).join(' '));
  }
  return causes.length ? `${error.message} (${causes.join('; ')})` : error.message;
}

/** The API's own error text from an SDK APIError's parsed body (OpenAI: `{message}`, Anthropic: `{error: {message}}`). */
function apiMessage(error: Error): string {
  const body = 'error' in error && isObject(error.error) ? error.error : undefined;
  const inner = body && isObject(body.error) ? body.error : body;
  const message = inner && typeof inner.message === 'string' ? inner.message : error.message.replace(/^\d{3}\s*/, '');
  const type = inner && typeof inner.type === 'string' ? `${inner.type}: ` : '';
  return `${type}${message}`;
}

/** The classes each Stainless-generated SDK (openai, @anthropic-ai/sdk) exports under the same names. */
interface SdkErrorClasses {
  APIError: abstract new (...args: never[]) => Error & { status: number | undefined; headers: Headers | undefined };
  APIConnectionError: abstract new (...args: never[]) => Error;
  APIConnectionTimeoutError: abstract new (...args: never[]) => Error;
  APIUserAbortError: abstract new (...args: never[]) => Error;
}

export interface ClassifyOptions {
  sdk: SdkErrorClasses;
  /** Secrets to scrub from messages (the API key). */
  secrets: (string | undefined)[];
  signal?: AbortSignal;
  timeoutMs: number;
  /** `openai`, `anthropic`: prefixes messages so reports say which service failed. */
  label: string;
  /** The base URL requests go to: a connection or timeout message says which server did not answer. */
  endpoint?: string;
}

/** Classify anything an SDK call threw. Use in every SDK-backed provider's catch block. */
export function classifySdkError(error: unknown, options: ClassifyOptions): ProviderError {
  if (error instanceof ProviderError) return error;
  const { sdk, secrets, label } = options;
  const say = (text: string) => redact(`${label}: ${text}`, secrets);
  const where = options.endpoint ? (shownEndpoint(options.endpoint) ?? 'the configured base URL') : undefined;
  if (error instanceof sdk.APIConnectionTimeoutError) {
    return new ProviderError({ kind: 'timeout', message: say(`no response${where ? ` from ${where}` : ''} within ${options.timeoutMs} ms`) });
  }
  if (error instanceof sdk.APIUserAbortError) return abortedError(options.signal);
  if (error instanceof sdk.APIConnectionError) return new ProviderError({ kind: 'network', message: say(`${where ? `could not reach ${where}: ` : ''}${describe(error)}`) });
  if (error instanceof sdk.APIError && typeof error.status === 'number') {
    const detail = apiMessage(error);
    return httpStatusError(error.status, `${label}: HTTP ${error.status}${detail ? `: ${detail}` : ''}`, error.headers, secrets);
  }
  if (error instanceof SyntaxError) return malformedError(label, redact(`body is not valid JSON (${error.message})`, secrets));
  if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) return abortedError(options.signal);
  return new ProviderError({ kind: 'other', message: say(describe(error)) });
}
