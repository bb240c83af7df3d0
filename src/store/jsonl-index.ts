import { StringNumbering } from '../text/string-numbering.js';
import { fit } from '../text/typed-arrays.js';
import { LineFile, type FileLine } from './file-lines.js';
import { LineReads, parseIndexedLine } from './line-reads.js';

const NONE = -1;

/** Numbers a line's keys 0, 1, 2… as first seen, and names a number again. */
export interface KeyNumbering<K> {
  add(key: K): number;
  get(key: K): number | undefined;
  nameOf(n: number): K;
}

/** String keys (case ids) as UTF-8 bytes numbered through 64-bit hashes. */
function stringKeys(): KeyNumbering<string> {
  const numbering = new StringNumbering();
  return { add: (key) => numbering.add(key), get: (key) => numbering.get(key), nameOf: (n) => numbering.strings.get(n) };
}

/**
 * Random access to the lines of a JSONL file without holding them: one pass records each line's
 * byte range and a key (a case id; a case and system), later reads parse single lines again. Kept in
 * typed arrays, with each key's lines chained: ~70 bytes a line with string keys (UTF-8 bytes numbered
 * through 64-bit hashes, StringNumbering), ~25 with keys another index numbers (a result's case and
 * system, report/result-keys.ts), where an object per line with its key string and a Map entry cost
 * ~250, so a million-case run's reports stay in bounded memory.
 *
 * Same rules as readJsonLines: a torn last line (the process was killed mid-write) is skipped, a
 * bad line anywhere else is corruption (ConfigurationError naming file and line).
 */
export class JsonlIndex<K = string> {
  private offsets = new Float64Array(0);
  private lengths = new Uint32Array(0);
  /** Each line's key number. */
  private keyOf = new Int32Array(0);
  /** Each key's first line, and each line's next line with the same key (NONE at the end). */
  private first = new Int32Array(0);
  private last = new Int32Array(0);
  private next = new Int32Array(0);
  private count = 0;
  /** Keys seen so far. */
  private keyCount = 0;
  private readonly reads: LineReads;

  constructor(
    private readonly file: string,
    keyOf: (value: unknown) => K,
    private readonly keys: KeyNumbering<K> = stringKeys() as unknown as KeyNumbering<K>,
  ) {
    this.reads = new LineReads(file);
    const lines = new LineFile(this.file);
    try {
      let lineNumber = 0;
      for (const line of lines.lines()) {
        lineNumber += 1;
        this.add(line, lineNumber, keyOf);
      }
    } finally {
      lines.close();
    }
    // The arrays grew by doubling: cut them to what they hold, and let go of each key's last line
    // (only adding needs it), so a million-line index holds ~20 MB less while reports are written.
    this.offsets = this.offsets.slice(0, this.count);
    this.lengths = this.lengths.slice(0, this.count);
    this.keyOf = this.keyOf.slice(0, this.count);
    this.next = this.next.slice(0, this.count);
    this.first = this.first.slice(0, this.keyCount);
    this.last = new Int32Array(0);
  }

  /** Lines indexed (blank lines and a torn last line left out). */
  get length(): number {
    return this.count;
  }

  private add(line: FileLine, lineNumber: number, keyOf: (value: unknown) => K): void {
    const value = parseIndexedLine(this.file, line, lineNumber);
    if (value === undefined) return;
    const at = this.count++;
    const key = this.keys.add(keyOf(value));
    this.offsets = fit(this.offsets, at + 1, (n) => new Float64Array(n));
    this.lengths = fit(this.lengths, at + 1, (n) => new Uint32Array(n));
    this.keyOf = fit(this.keyOf, at + 1, (n) => new Int32Array(n));
    this.next = fit(this.next, at + 1, (n) => new Int32Array(n));
    this.offsets[at] = line.offset;
    this.lengths[at] = line.bytes;
    this.keyOf[at] = key;
    this.next[at] = NONE;
    if (key >= this.keyCount) {
      // A new key (numbered as first seen, so the next number).
      this.keyCount = key + 1;
      this.first = fit(this.first, key + 1, (n) => new Int32Array(n));
      this.last = fit(this.last, key + 1, (n) => new Int32Array(n));
      this.first[key] = at;
    } else this.next[this.last[key]] = at;
    this.last[key] = at;
  }

  /** The key of the line at `index`. */
  key(index: number): K {
    return this.keys.nameOf(this.keyOf[index]);
  }

  /** The first line with `key`, or undefined. */
  firstOf(key: K): number | undefined {
    const n = this.keys.get(key);
    return n === undefined ? undefined : this.first[n];
  }

  /** Every line with `key`, in file order. */
  linesOf(key: K): number[] {
    const found: number[] = [];
    for (let at = this.firstOf(key) ?? NONE; at !== NONE; at = this.next[at]) found.push(at);
    return found;
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
