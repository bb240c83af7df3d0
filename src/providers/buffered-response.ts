import type { FetchHeaders } from './fetch-headers.js';

/**
 * A fetch `Response` for an answer the keep-alive fetch has read whole: what the model SDKs read of
 * a JSON answer (status, headers, `text()`, `json()`) without Node's `Response` class, which would
 * load undici (see fetch-headers.ts). What the SDKs read only for downloads and streams (`body`,
 * `blob()`, `formData()`, `clone()`) is served by a real `Response` made on first use.
 */
export class BufferedResponse {
  readonly ok: boolean;
  readonly redirected = false;
  readonly type = 'basic';
  /** The body, until it is read here or handed to a real `Response`. */
  #bytes: Buffer | null;
  /** A response without a body (204, 304, HEAD) reads as empty, as often as asked, and is never used. */
  readonly #hasBody: boolean;
  #read = false;
  #real: Response | undefined;

  constructor(
    bytes: Buffer | null,
    readonly status: number,
    readonly statusText: string,
    readonly headers: FetchHeaders,
    readonly url: string,
  ) {
    this.#bytes = bytes;
    this.#hasBody = bytes !== null;
    this.ok = status >= 200 && status <= 299;
  }

  get bodyUsed(): boolean {
    return this.#real ? this.#real.bodyUsed : this.#read;
  }

  /** Node's `Response` over the same bytes, made once; from then on it owns the body. */
  #response(): Response {
    if (!this.#real) {
      if (this.#read) throw new TypeError('Response body is already used');
      // `Response` takes its headers as pairs, so repeated set-cookie values stay apart.
      this.#real = new Response(this.#bytes as Uint8Array<ArrayBuffer> | null, { status: this.status, statusText: this.statusText, headers: [...this.headers] });
      this.#bytes = null;
    }
    return this.#real;
  }

  get body(): ReadableStream<Uint8Array> | null {
    if (!this.#hasBody) return null;
    return this.#response().body;
  }

  async bytes(): Promise<Uint8Array> {
    if (this.#real) return new Uint8Array(await this.#real.arrayBuffer());
    if (!this.#hasBody) return new Uint8Array(0);
    if (this.#read) throw new TypeError('Response body is already used');
    this.#read = true;
    const bytes = this.#bytes;
    this.#bytes = null;
    return new Uint8Array(bytes!.buffer, bytes!.byteOffset, bytes!.byteLength);
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = await this.bytes();
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }

  async text(): Promise<string> {
    // As Response.text(): UTF-8, a leading byte-order mark dropped, bad bytes replaced.
    return new TextDecoder().decode(await this.bytes());
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  async blob(): Promise<Blob> {
    return this.#response().blob();
  }

  async formData(): Promise<FormData> {
    return this.#response().formData();
  }

  clone(): Response {
    return this.#response().clone();
  }
}
