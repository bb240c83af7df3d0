import { CompactStringMap } from '../text/compact-string-map.js';
import { fit } from '../text/typed-arrays.js';

// Where each cached answer sits in the pack files (cache/pack-files.ts), kept as numbers: the keys
// in a CompactStringMap (a 64-bit hash each, no string kept) that gives each its entry's number, the
// places in typed arrays by that number. ~40 bytes an entry where a Map of key strings to objects took
// ~200. Two keys sharing a 64-bit hash (about one pair in 10¹⁰ at a million entries) would shadow each
// other: a miss, never a wrong answer, because the line read back is checked against the whole key.

/** One entry: which pack file, where its line starts, how many bytes, and when it was saved (ms). */
export interface EntryPlace {
  pack: number;
  offset: number;
  bytes: number;
  savedAt: number;
}

export class EntryIndex {
  private readonly entries = new CompactStringMap();
  private pack = new Int32Array(256);
  private offset = new Float64Array(256);
  private bytes = new Uint32Array(256);
  private savedAt = new Float64Array(256);

  get size(): number {
    return this.entries.size;
  }

  /** Remember `place` for `key`, unless the entry already known for it was saved later (a newer answer wins). */
  put(key: string, place: EntryPlace): void {
    const known = this.entries.addIfAbsent(key, this.entries.size);
    const entry = known ?? this.entries.size - 1;
    if (known === undefined) {
      this.pack = fit(this.pack, this.size, (n) => new Int32Array(n));
      this.offset = fit(this.offset, this.size, (n) => new Float64Array(n));
      this.bytes = fit(this.bytes, this.size, (n) => new Uint32Array(n));
      this.savedAt = fit(this.savedAt, this.size, (n) => new Float64Array(n));
    } else if (this.savedAt[entry] > place.savedAt) return;
    this.pack[entry] = place.pack;
    this.offset[entry] = place.offset;
    this.bytes[entry] = place.bytes;
    this.savedAt[entry] = place.savedAt;
  }

  /** How many entries were saved before `time` (ms). */
  countSavedBefore(time: number): number {
    let count = 0;
    for (let entry = 0; entry < this.size; entry++) if (this.savedAt[entry] < time) count++;
    return count;
  }

  get(key: string): EntryPlace | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    return { pack: this.pack[entry], offset: this.offset[entry], bytes: this.bytes[entry], savedAt: this.savedAt[entry] };
  }
}

/** What cacheKey makes: a sha256 in lowercase hex. Anything else is neither stored nor looked up. */
export function isCacheKey(key: string): boolean {
  return /^[0-9a-f]{64}$/.test(key);
}
