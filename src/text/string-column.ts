import { fit } from './typed-arrays.js';

const encoder = new TextEncoder();

/**
 * Strings (case ids) as UTF-8 bytes end to end, with where each ends: about 10 bytes an id where a
 * million separate strings cost ~40 MB of heap. Read back one at a time; compared without decoding.
 */
export class StringColumn {
  private bytes = new Uint8Array(0);
  private ends = new Uint32Array(0);
  private view = Buffer.alloc(0);
  private count = 0;

  get length(): number {
    return this.count;
  }

  push(text: string): void {
    const start = this.count ? this.ends[this.count - 1] : 0;
    // encodeInto writes at most 3 bytes per UTF-16 unit.
    this.bytes = fit(this.bytes, start + 3 * text.length, (n) => new Uint8Array(n));
    const { written } = encoder.encodeInto(text, this.bytes.subarray(start));
    this.ends = fit(this.ends, this.count + 1, (n) => new Uint32Array(n));
    this.ends[this.count++] = start + written;
  }

  get(i: number): string {
    if (this.view.buffer !== this.bytes.buffer) this.view = Buffer.from(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength);
    return this.view.toString('utf8', i ? this.ends[i - 1] : 0, this.ends[i]);
  }

  /** Code-point order of string i and the UTF-8 bytes `other`: negative, 0 or positive. */
  compareWith(i: number, other: Uint8Array): number {
    const bytes = this.bytes;
    let a = i ? this.ends[i - 1] : 0;
    const aEnd = this.ends[i];
    let b = 0;
    for (; a < aEnd && b < other.length; a++, b++) if (bytes[a] !== other[b]) return bytes[a] - other[b];
    return aEnd - a - (other.length - b);
  }

  /** Let go of the room kept for more strings (the column grew by doubling): for a column that is complete. */
  trim(): void {
    this.bytes = this.bytes.slice(0, this.count ? this.ends[this.count - 1] : 0);
    this.ends = this.ends.slice(0, this.count);
    this.view = Buffer.alloc(0);
  }

  /** Code-point order of strings i and j (UTF-8 byte order is code-point order): negative, 0 or positive. */
  compare(i: number, j: number): number {
    const bytes = this.bytes;
    let a = i ? this.ends[i - 1] : 0;
    let b = j ? this.ends[j - 1] : 0;
    const aEnd = this.ends[i];
    const bEnd = this.ends[j];
    for (; a < aEnd && b < bEnd; a++, b++) if (bytes[a] !== bytes[b]) return bytes[a] - bytes[b];
    return aEnd - a - (bEnd - b);
  }

  /**
   * UTF-16 code-unit order of strings i and j, JavaScript's own (`a < b`, `[].sort()`): code-point
   * order except that a character above U+FFFF (a surrogate pair, UTF-8 lead byte F0–F4) sorts
   * before U+E000–U+FFFF (lead bytes EE, EF). The first differing bytes of two UTF-8 strings with a
   * common prefix are both lead bytes or both continuation bytes of same-length characters.
   */
  compareUtf16(i: number, j: number): number {
    const bytes = this.bytes;
    let a = i ? this.ends[i - 1] : 0;
    let b = j ? this.ends[j - 1] : 0;
    const aEnd = this.ends[i];
    const bEnd = this.ends[j];
    for (; a < aEnd && b < bEnd; a++, b++) {
      const x = bytes[a];
      const y = bytes[b];
      if (x === y) continue;
      if (x >= 0xf0 && (y === 0xee || y === 0xef)) return -1;
      if (y >= 0xf0 && (x === 0xee || x === 0xef)) return 1;
      return x - y;
    }
    return aEnd - a - (bEnd - b);
  }
}
