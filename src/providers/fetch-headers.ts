/**
 * The fetch standard's `Headers`, for the model SDKs inside the CLI bundle and for every response of
 * the keep-alive fetch.
 *
 * Why: Node's own `Headers` lives in undici, and touching any of Node's fetch classes loads all of
 * undici: ~50 ms and ~9 MB before `evals run` sends its first request on a 2-core machine, a sixth
 * of its start-up. The SDKs build every request's headers with `new Headers()`, but the keep-alive
 * fetch sends them over node:http, so undici is not needed for a plain JSON request at all.
 * scripts/bundle-cli.mjs injects this class for the SDKs' global `Headers` (see bundle-globals.ts);
 * the library build (dist/index.js) leaves the SDKs on Node's class.
 *
 * What the SDKs rely on is kept: names are case-insensitive, `append` joins values with ", ",
 * iteration is sorted by lower-cased name, `set-cookie` values stay apart, an invalid name or value
 * throws a TypeError, and any HeadersInit (another Headers, pairs, a record) is accepted.
 * tests/providers/fetch-headers.test.ts runs the same operations on this class and Node's.
 */
export class FetchHeaders {
  /** Lower-cased name → the combined value. */
  readonly #values = new Map<string, string>();
  readonly #cookies: string[] = [];
  /** The names in iteration order, kept until a name is added or removed: a request's headers are read several times. */
  #sorted: string[] | undefined;

  /**
   * The headers of an answer as node:http received them (its `rawHeaders`: name, value, name, value…).
   * Its parser has already refused what `append` would (names that are not tokens, CR, LF or NUL in a
   * value, and every byte is one character), so each pair is only lower-cased and combined.
   */
  static received(raw: readonly string[]): FetchHeaders {
    const headers = new FetchHeaders();
    for (let i = 0; i + 1 < raw.length; i += 2) headers.#add(raw[i].toLowerCase(), raw[i + 1]);
    return headers;
  }

  constructor(init?: HeadersInit | FetchHeaders | null) {
    if (init === undefined || init === null) return;
    if (typeof init !== 'object') throw new TypeError('Headers: init must be an object, an iterable of pairs or another Headers');
    if (Symbol.iterator in init) {
      for (const pair of init as Iterable<readonly string[]>) {
        if (pair.length !== 2) throw new TypeError(`Headers: each header must be a [name, value] pair, got ${pair.length} items`);
        this.append(pair[0], pair[1]);
      }
    } else {
      for (const [name, value] of Object.entries(init as Record<string, string>)) this.append(name, value);
    }
  }

  append(name: string, value: string): void {
    this.#add(headerName(name), headerValue(value));
  }

  #add(key: string, text: string): void {
    const had = this.#values.get(key);
    if (had === undefined) this.#sorted = undefined;
    this.#values.set(key, had === undefined ? text : `${had}, ${text}`);
    if (key === 'set-cookie') this.#cookies.push(text);
  }

  set(name: string, value: string): void {
    const key = headerName(name);
    const text = headerValue(value);
    if (!this.#values.has(key)) this.#sorted = undefined;
    this.#values.set(key, text);
    if (key === 'set-cookie') this.#cookies.splice(0, this.#cookies.length, text);
  }

  get(name: string): string | null {
    return this.#values.get(headerName(name)) ?? null;
  }

  has(name: string): boolean {
    return this.#values.has(headerName(name));
  }

  delete(name: string): void {
    const key = headerName(name);
    if (this.#values.delete(key)) this.#sorted = undefined;
    if (key === 'set-cookie') this.#cookies.length = 0;
  }

  getSetCookie(): string[] {
    return [...this.#cookies];
  }

  forEach(callback: (value: string, name: string, headers: FetchHeaders) => void, thisArg?: unknown): void {
    for (const [name, value] of this.entries()) callback.call(thisArg, value, name, this);
  }

  *entries(): IterableIterator<[string, string]> {
    // Sorted by name, as the standard iterates (names are lower case, so code-unit order is byte order).
    this.#sorted ??= [...this.#values.keys()].sort();
    for (const name of this.#sorted) {
      if (name === 'set-cookie') for (const cookie of this.#cookies) yield [name, cookie];
      else yield [name, this.#values.get(name)!];
    }
  }

  *keys(): IterableIterator<string> {
    for (const [name] of this.entries()) yield name;
  }

  *values(): IterableIterator<string> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }

  get [Symbol.toStringTag](): string {
    return 'Headers';
  }
}

// A header name is an HTTP token (RFC 9110 §5.6.2).
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// HTTP whitespace around a value is dropped; NUL, CR and LF are never allowed inside one, and a
// value is a byte string (no character above U+00FF).
const OUTER_WHITESPACE = /^[\t\n\r ]+|[\t\n\r ]+$/g;
const FORBIDDEN_IN_VALUE = /[\0\r\n]|[^\0-\xff]/;

function headerName(name: string): string {
  const text = String(name);
  if (!TOKEN.test(text)) throw new TypeError(`Headers: ${JSON.stringify(text)} is not a valid header name`);
  return text.toLowerCase();
}

function headerValue(value: string): string {
  const text = String(value).replace(OUTER_WHITESPACE, '');
  if (FORBIDDEN_IN_VALUE.test(text)) throw new TypeError(`Headers: the value ${JSON.stringify(text)} has a NUL, CR, LF or a character above U+00FF in it`);
  return text;
}
