import { CompactStringMap } from './compact-string-map.js';
import { StringColumn } from './string-column.js';

/**
 * Distinct strings (case ids) numbered 0, 1, 2… in the order first seen, kept as UTF-8 bytes and
 * found through their 64-bit hashes: a million ids in ~40 MB where a Map of strings costs ~100 MB.
 * Exact, unlike the hash set alone: a hit is checked against the stored bytes, and the rare string
 * whose hash another already holds is numbered in a small Map instead.
 */
export class StringNumbering {
  readonly strings = new StringColumn();
  private readonly hashes = new CompactStringMap();
  private readonly collided = new Map<string, number>();

  get length(): number {
    return this.strings.length;
  }

  /** The number of `text`, or undefined when it was never added. */
  get(text: string): number | undefined {
    const found = this.hashes.get(text);
    if (found === undefined) return undefined;
    return this.strings.get(found) === text ? found : this.collided.get(text);
  }

  /** The number of `text`, given it now when it has none. */
  add(text: string): number {
    const next = this.strings.length;
    const found = this.hashes.addIfAbsent(text, next);
    if (found === undefined) {
      this.strings.push(text);
      return next;
    }
    if (this.strings.get(found) === text) return found;
    const earlier = this.collided.get(text);
    if (earlier !== undefined) return earlier;
    this.strings.push(text);
    this.collided.set(text, next);
    return next;
  }
}
