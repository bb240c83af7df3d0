import { StringColumn } from '../text/string-column.js';
import { LineFile } from './file-lines.js';
import { LineReads, offsetsFor, parseIndexedLine } from './line-reads.js';

const encoder = new TextEncoder();

/**
 * Random access to the lines of a JSONL file whose lines each carry an id (cases.jsonl), found by
 * that id: one pass records each line's byte range and its id as UTF-8 bytes, then sorts the line
 * numbers by id once; an id is found by binary search. ~27 bytes a line at a million cases, where
 * numbering the ids through a hash table (StringNumbering) held ~63, most of it the
 * table. Lines are parsed again when read. A torn last line is skipped and a bad line anywhere else
 * is a ConfigurationError naming file and line (line-reads.ts).
 */
export class IdLines {
  private readonly offsets: Uint32Array | Float64Array;
  private readonly lengths: Uint32Array;
  private readonly ids = new StringColumn();
  /** Line numbers by id, then by line number (an id the file has twice is found at its first line). */
  private readonly byId: Uint32Array;
  private readonly reads: LineReads;
  /** The id asked for last, encoded into reused bytes; and the line found for the one before. */
  private query = new Uint8Array(64);
  private lastFound = -1;
  /** No id is on two lines: a line whose id matches is its first. */
  private readonly unique: boolean;

  constructor(file: string, idOf: (value: unknown) => string) {
    this.reads = new LineReads(file);
    const lines = new LineFile(file);
    let count = 0;
    try {
      // Sized once: arrays grown by doubling left the copies they outgrew in the process's memory.
      const most = lines.countLines();
      this.offsets = offsetsFor(file, most);
      this.lengths = new Uint32Array(most);
      let lineNumber = 0;
      for (const line of lines.lines()) {
        lineNumber += 1;
        const value = parseIndexedLine(file, line, lineNumber);
        if (value === undefined) continue;
        this.offsets[count] = line.offset;
        this.lengths[count] = line.bytes;
        this.ids.push(idOf(value));
        count += 1;
      }
    } finally {
      lines.close();
    }
    // The ids grew by doubling: cut to what they hold before the sort's scratch space is taken.
    this.ids.trim();
    // Sorting a plain array is several times faster than a typed array with a comparator.
    const order = Array.from({ length: count }, (_, i) => i);
    order.sort((a, b) => this.ids.compare(a, b) || a - b);
    this.byId = Uint32Array.from(order);
    this.unique = this.byId.every((line, i) => i === 0 || this.ids.compare(this.byId[i - 1], line) !== 0);
  }

  /** Lines indexed (blank lines and a torn last line left out). */
  get length(): number {
    return this.ids.length;
  }

  /** The id of the line at `index`. */
  key(index: number): string {
    return this.ids.get(index);
  }

  /** The first line with `id`, or undefined. */
  firstOf(id: string): number | undefined {
    // Reports mostly walk the cases in file order: the line after the last one found is tried first.
    const next = this.lastFound + 1;
    if (this.unique && next < this.ids.length && this.ids.get(next) === id) return (this.lastFound = next);
    if (this.query.length < 3 * id.length) this.query = new Uint8Array(3 * id.length);
    const bytes = this.query.subarray(0, encoder.encodeInto(id, this.query).written);
    let low = 0;
    let high = this.byId.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.ids.compareWith(this.byId[middle], bytes) < 0) low = middle + 1;
      else high = middle;
    }
    if (low < this.byId.length && this.ids.compareWith(this.byId[low], bytes) === 0) return (this.lastFound = this.byId[low]);
    return undefined;
  }

  /** Parse the line at `index` (in file order) again. */
  read<T>(index: number): T {
    return this.reads.read<T>(this.offsets[index], this.lengths[index]);
  }

  /** Release the file handle kept for reads (reading again reopens it). */
  close(): void {
    this.reads.close();
  }
}
