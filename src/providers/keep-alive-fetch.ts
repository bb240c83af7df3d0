import http from 'node:http';
import type https from 'node:https';
import { createRequire } from 'node:module';
import { urlToHttpOptions } from 'node:url';
import { BufferedResponse } from './buffered-response.js';
import { FetchHeaders } from './fetch-headers.js';

/**
 * The `fetch` the model SDKs are given: plain JSON requests go over node:http with keep-alive
 * agents; anything else (multipart uploads for the Batch APIs, streams) goes to the global fetch.
 *
 * Why: measured on loopback with a server that answers after 100 ms, Node's built-in fetch adds
 * about 5 ms to every request (500 requests at concurrency 20: 2.73 s against an ideal 2.5 s), and
 * node:http adds under 1 ms (2.57 s). At zero latency it also costs less CPU per request. The SDKs
 * still do everything else: headers, auth, timeouts (through the signal), errors and parsing.
 *
 * A plain request never touches Node's fetch classes (Headers, Response): they load undici whole,
 * ~50 ms of start-up (see fetch-headers.ts). Its answer is a BufferedResponse with FetchHeaders.
 */
function createKeepAliveFetch(): typeof fetch {
  const plain: Transport = { transport: http, agent: new http.Agent({ keepAlive: true }) };
  let secure: Transport | undefined;

  return async (input, init = {}) => {
    const { url, options: target } = targetOf(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const body = init.body;
    const plainBody = body === undefined || body === null || typeof body === 'string' || body instanceof Uint8Array;
    if (!plainBody || (url.protocol !== 'http:' && url.protocol !== 'https:') || (typeof input === 'object' && !(input instanceof URL))) {
      return fetch(input, init);
    }
    const signal = init.signal ?? undefined;
    if (signal?.aborted) throw abortError();
    const headers: Record<string, string> = {};
    // The SDKs pass a Headers object (Node's or a FetchHeaders): read it as it is rather than copying it first.
    const given = init.headers as FetchHeaders | HeadersInit | undefined;
    (given && typeof (given as FetchHeaders).forEach === 'function' && !Array.isArray(given) ? (given as FetchHeaders) : new FetchHeaders(given)).forEach((value, key) => (headers[key] = value));
    if (typeof body === 'string' || body instanceof Uint8Array) headers['content-length'] = String(Buffer.byteLength(body));

    return new Promise<Response>((resolve, reject) => {
      const { transport, agent } = url.protocol === 'https:' ? (secure ??= newSecureTransport()) : plain;
      const request = transport.request({ ...target, method: init.method ?? 'GET', headers, agent }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', (error) => reject(networkError(error)));
        response.on('end', () => {
          signal?.removeEventListener('abort', onAbort);
          const status = response.statusCode ?? 0;
          // From the headers as received, as fetch combines them (repeats joined, set-cookie kept apart),
          // without node:http's own header object, which is built on first read and read by nobody else.
          const responseHeaders = FetchHeaders.received(response.rawHeaders);
          // Responses to HEAD and 204/304 have no body (the Response constructor rejects one).
          const empty = status === 204 || status === 304 || init.method === 'HEAD';
          const answer = new BufferedResponse(empty ? null : Buffer.concat(chunks), status, response.statusMessage ?? '', responseHeaders, url.href);
          // The SDKs read a Response's status, headers, text() and json(), all of which this has.
          resolve(answer as unknown as Response);
        });
        response.on('aborted', () => reject(networkError(new Error('the connection closed before the response ended'))));
      });
      const onAbort = () => {
        request.destroy();
        reject(abortError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      request.on('error', (error) => {
        signal?.removeEventListener('abort', onAbort);
        reject(signal?.aborted ? abortError() : networkError(error));
      });
      request.end(body ?? undefined);
    });
  };
}

interface Transport {
  transport: Pick<typeof http, 'request'>;
  agent: http.Agent;
}

/**
 * node:https and its keep-alive agent, made for the first https URL: loading node:https loads tls with it,
 * ~2% of what `evals run` does before its first request, which a local or http endpoint never needs
 * (nor node:module, loaded to make the require).
 */
function newSecureTransport(): Transport {
  const transport = createRequire(import.meta.url)('node:https') as typeof https;
  return { transport, agent: new transport.Agent({ keepAlive: true }) };
}

/** A URL and what node:http is given for it, worked out once: a run sends all its requests to one or two. */
interface Target {
  /** Read, never changed. */
  url: URL;
  options: http.RequestOptions;
}

const targets = new Map<string, Target>();

function targetOf(href: string): Target {
  let target = targets.get(href);
  if (!target) {
    // Bounded, in case some caller puts something per request in the URL.
    if (targets.size >= 64) targets.clear();
    const url = new URL(href);
    target = { url, options: urlToHttpOptions(url) };
    targets.set(href, target);
  }
  return target;
}

/** What fetch rejects with on abort: the SDKs recognise it by name (and report their own timeouts). */
function abortError(): Error {
  return new DOMException('This operation was aborted', 'AbortError');
}

/** What fetch rejects with when the network fails: a TypeError with the cause, as undici does. */
function networkError(cause: Error): TypeError {
  return new TypeError('fetch failed', { cause });
}

let shared: typeof fetch | undefined;

/** One keep-alive pool per process, shared by every SDK client. */
export function keepAliveFetch(): typeof fetch {
  shared ??= createKeepAliveFetch();
  return shared;
}
