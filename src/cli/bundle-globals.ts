// What scripts/bundle-cli.mjs injects (esbuild `inject`) for the free names `Headers` and `FormData`
// in the CLI bundle, the model SDKs included. Both keep a plain JSON request from loading undici,
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
