import { hash32 } from './string-hash.js';

// "Have I seen this id, and on which row?" for datasets of a million rows. Strings are not kept:
// each is reduced to a 64-bit hash (two independent 32-bit halves) in an open-addressing table of
// typed arrays, 12 bytes a slot instead of ~100 bytes a Map entry with its string. Two different
// strings share a 64-bit hash with probability n²/2⁶⁵: about 3 in 100 million for a million ids,
// small enough for a lint that names both rows so a person looks at them anyway.

const EMPTY = -1;

/** A set of strings, each remembered with one non-negative integer (a row, a position). */
export class CompactStringMap {
  private high: Uint32Array;
  private low: Uint32Array;
  private values: Int32Array;
  private count = 0;

  constructor(expected = 1024) {
    let capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    this.high = new Uint32Array(capacity);
    this.low = new Uint32Array(capacity);
    this.values = new Int32Array(capacity).fill(EMPTY);
  }

  get size(): number {
    return this.count;
  }

  /** The value stored with `text` before, or else stores `value` (0 ≤ value < 2³¹) and returns undefined. */
  addIfAbsent(text: string, value: number): number | undefined {
    if (!Number.isInteger(value) || value < 0 || value > 0x7fffffff) throw new RangeError(`value ${value} is not a 31-bit integer`);
    const high = hash32(text, 0);
    const low = hash32(text, 0x9e3779b9);
    const slot = this.find(high, low);
    if (this.values[slot] !== EMPTY) return this.values[slot];
    this.high[slot] = high;
    this.low[slot] = low;
    this.values[slot] = value;
    this.count += 1;
    // Half full at most: linear probing stays short.
    if (this.count * 2 > this.values.length) this.grow();
    return undefined;
  }

  /** Stores `value` (0 ≤ value < 2³¹) with `text`, replacing any value stored before. */
  set(text: string, value: number): void {
    if (this.addIfAbsent(text, value) === undefined) return;
    this.values[this.find(hash32(text, 0), hash32(text, 0x9e3779b9))] = value;
  }

  /** The value stored with `text`, or undefined. */
  get(text: string): number | undefined {
    const value = this.values[this.find(hash32(text, 0), hash32(text, 0x9e3779b9))];
    return value === EMPTY ? undefined : value;
  }

  has(text: string): boolean {
    return this.values[this.find(hash32(text, 0), hash32(text, 0x9e3779b9))] !== EMPTY;
  }

  /** The slot holding (high, low), or the empty slot where it belongs. */
  private find(high: number, low: number): number {
    const mask = this.values.length - 1;
    let slot = low & mask;
    while (this.values[slot] !== EMPTY && (this.high[slot] !== high || this.low[slot] !== low)) slot = (slot + 1) & mask;
    return slot;
  }

  private grow(): void {
    const [high, low, values] = [this.high, this.low, this.values];
    this.high = new Uint32Array(values.length * 2);
    this.low = new Uint32Array(values.length * 2);
    this.values = new Int32Array(values.length * 2).fill(EMPTY);
    for (let i = 0; i < values.length; i++) {
      if (values[i] === EMPTY) continue;
      const slot = this.find(high[i], low[i]);
      this.high[slot] = high[i];
      this.low[slot] = low[i];
      this.values[slot] = values[i];
    }
  }
}
