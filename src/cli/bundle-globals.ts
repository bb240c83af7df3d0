// What scripts/bundle-cli.mjs injects (esbuild `inject`) for the free names `Headers` and `FormData`
// in the CLI bundle, the model SDKs included (and `ReadableStream`, below). The two keep a plain JSON request from loading undici,
// which Node loads whole the first time any of its fetch classes is touched (~50 ms and ~9 MB of
// `evals run`'s start-up on a 2-core machine). The library build (dist/index.js) is not bundled and
// keeps Node's classes.
import { FetchHeaders } from '../providers/fetch-headers.js';

/** The SDKs build every request's headers with `new Headers()`: see fetch-headers.ts. */
export { FetchHeaders as Headers };

/**
 * Node's `FormData`, loaded only when it can matter. The SDKs ask `body instanceof FormData` of every
 * request body, a plain object for a JSON request, which cannot be one; anything else is asked of
 * Node's class, and `new FormData()` (the Batch APIs' file uploads) makes one of Node's.
 */
export class FormData {
  static [Symbol.hasInstance](value: unknown): boolean {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
    const prototype = Object.getPrototypeOf(value) as unknown;
    if (prototype === Object.prototype || prototype === null) return false;
    return value instanceof globalThis.FormData;
  }

  constructor(...args: ConstructorParameters<typeof globalThis.FormData>) {
    // A constructor may return another object: `new FormData()` is then Node's FormData itself.
    return new globalThis.FormData(...args) as unknown as FormData;
  }
}

/** Node's own class: read by name, since the bundle points `globalThis.ReadableStream` at the class below. */
function nodeReadableStream(): typeof globalThis.ReadableStream {
  return Reflect.get(globalThis, 'ReadableStream') as typeof globalThis.ReadableStream;
}

/**
 * Node's `ReadableStream`, loaded only when it can matter. The SDKs ask `body instanceof
 * globalThis.ReadableStream` of every request body (scripts/bundle-cli.mjs points that name here), and
 * reading Node's global loads its web streams: ~1.8 ms of the time from `evals run`'s start and from
 * its run's start to the first request. Only an object with a `getReader` method can be one; anything
 * else is asked of Node's class, and `new ReadableStream()` (a streamed body) makes one of Node's.
 */
export class ReadableStream {
  static [Symbol.hasInstance](value: unknown): boolean {
    if (value === null || typeof value !== 'object') return false;
    if (typeof (value as { getReader?: unknown }).getReader !== 'function') return false;
    return value instanceof nodeReadableStream();
  }

  constructor(...args: ConstructorParameters<typeof globalThis.ReadableStream>) {
    return new (nodeReadableStream())(...args) as unknown as ReadableStream;
  }
}
