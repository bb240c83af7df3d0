import http from 'node:http';
import https from 'node:https';

/**
 * The `fetch` the model SDKs are given: plain JSON requests go over node:http with keep-alive
 * agents; anything else (multipart uploads for the Batch APIs, streams) goes to the global fetch.
 *
 * Why: measured on loopback with a server that answers after 100 ms, Node's built-in fetch adds
 * about 5 ms to every request (500 requests at concurrency 20: 2.73 s against an ideal 2.5 s), and
 * node:http adds under 1 ms (2.57 s). At zero latency it also costs less CPU per request. The SDKs
 * still do everything else: headers, auth, timeouts (through the signal), errors and parsing.
 */
function createKeepAliveFetch(): typeof fetch {
  // Node loads its fetch classes (Headers, Response: undici, ~20-40 ms) on first use. Touch them
  // now, while the run is being set up: otherwise the load lands inside the run's first request (its
  // measured latency too) and holds back every other first request behind it. A bare `void [Headers,
  // Response]` is not enough: esbuild drops it from the CLI bundle as an expression without effects.
  if (typeof Headers !== 'function' || typeof Response !== 'function') throw new Error('this Node.js has no fetch classes (Headers, Response); evals needs Node 20 or later');
  const agents = {
    'http:': new http.Agent({ keepAlive: true }),
    'https:': new https.Agent({ keepAlive: true }),
  };

  return async (input, init = {}) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const body = init.body;
    const plainBody = body === undefined || body === null || typeof body === 'string' || body instanceof Uint8Array;
    if (!plainBody || (url.protocol !== 'http:' && url.protocol !== 'https:') || (typeof input === 'object' && !(input instanceof URL))) {
      return fetch(input, init);
    }
    const signal = init.signal ?? undefined;
    if (signal?.aborted) throw abortError();
    const headers: Record<string, string> = {};
    // The SDKs pass a Headers object: read it as it is rather than copying it first.
    (init.headers instanceof Headers ? init.headers : new Headers(init.headers)).forEach((value, key) => (headers[key] = value));
    if (typeof body === 'string' || body instanceof Uint8Array) headers['content-length'] = String(Buffer.byteLength(body));

    return new Promise<Response>((resolve, reject) => {
      const transport = url.protocol === 'https:' ? https : http;
      const request = transport.request(url, { method: init.method ?? 'GET', headers, agent: agents[url.protocol as 'http:' | 'https:'] }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', (error) => reject(networkError(error)));
        response.on('end', () => {
          signal?.removeEventListener('abort', onAbort);
          const status = response.statusCode ?? 0;
          const responseHeaders = new Headers();
          for (const [key, value] of Object.entries(response.headers)) {
            if (value !== undefined) responseHeaders.set(key, Array.isArray(value) ? value.join(', ') : value);
          }
          // Responses to HEAD and 204/304 have no body; the Response constructor rejects one.
          const empty = status === 204 || status === 304 || init.method === 'HEAD';
          resolve(new Response(empty ? null : Buffer.concat(chunks), { status, statusText: response.statusMessage, headers: responseHeaders }));
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
