import { fit } from '../text/typed-arrays.js';

// Where each cached answer sits in the pack files (cache/pack-files.ts), kept as numbers: a cache
// key is a sha256 in hex, so its first 64 bits are already a good hash and no string is kept.
// ~40 bytes an entry where a Map of key strings to objects took ~200. Two keys sharing 64 bits
// (about one pair in 10¹⁰ at a million entries) would shadow each other: a miss, never a wrong answer,
// because the line read back is checked against the whole key.

/** One entry: which pack file, where its line starts, how many bytes, and when it was saved (ms). */
export interface EntryPlace {
  pack: number;
  offset: number;
  bytes: number;
  savedAt: number;
}

const EMPTY = -1;

export class EntryIndex {
  private high = new Uint32Array(1024);
  private low = new Uint32Array(1024);
  private slots = new Int32Array(1024).fill(EMPTY);
  private pack = new Int32Array(256);
  private offset = new Float64Array(256);
  private bytes = new Uint32Array(256);
  private savedAt = new Float64Array(256);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Remember `place` for `key`, unless the entry already known for it was saved later (a newer answer wins). */
  put(key: string, place: EntryPlace): void {
    const [high, low] = halves(key);
    const slot = this.find(high, low);
    let entry = this.slots[slot];
    if (entry === EMPTY) {
      entry = this.count++;
      this.high[slot] = high;
      this.low[slot] = low;
      this.slots[slot] = entry;
      this.pack = fit(this.pack, this.count, (n) => new Int32Array(n));
      this.offset = fit(this.offset, this.count, (n) => new Float64Array(n));
      this.bytes = fit(this.bytes, this.count, (n) => new Uint32Array(n));
      this.savedAt = fit(this.savedAt, this.count, (n) => new Float64Array(n));
      if (this.count * 2 > this.slots.length) this.grow();
    } else if (this.savedAt[entry] > place.savedAt) return;
    this.pack[entry] = place.pack;
    this.offset[entry] = place.offset;
    this.bytes[entry] = place.bytes;
    this.savedAt[entry] = place.savedAt;
  }

  get(key: string): EntryPlace | undefined {
    const [high, low] = halves(key);
    const entry = this.slots[this.find(high, low)];
    if (entry === EMPTY) return undefined;
    return { pack: this.pack[entry], offset: this.offset[entry], bytes: this.bytes[entry], savedAt: this.savedAt[entry] };
  }

  private find(high: number, low: number): number {
    const mask = this.slots.length - 1;
    let slot = low & mask;
    while (this.slots[slot] !== EMPTY && (this.high[slot] !== high || this.low[slot] !== low)) slot = (slot + 1) & mask;
    return slot;
  }

  private grow(): void {
    const [high, low, slots] = [this.high, this.low, this.slots];
    this.high = new Uint32Array(slots.length * 2);
    this.low = new Uint32Array(slots.length * 2);
    this.slots = new Int32Array(slots.length * 2).fill(EMPTY);
    for (let i = 0; i < slots.length; i++) {
      if (slots[i] === EMPTY) continue;
      const slot = this.find(high[i], low[i]);
      this.high[slot] = high[i];
      this.low[slot] = low[i];
      this.slots[slot] = slots[i];
    }
  }
}

/** The key's first 64 bits (it is hex: see isCacheKey). */
function halves(key: string): [number, number] {
  return [parseInt(key.slice(0, 8), 16) >>> 0, parseInt(key.slice(8, 16), 16) >>> 0];
}

/** What cacheKey makes: a sha256 in lowercase hex. Anything else is neither stored nor looked up. */
export function isCacheKey(key: string): boolean {
  return /^[0-9a-f]{64}$/.test(key);
}
