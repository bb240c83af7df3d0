import { closeSync, openSync, readSync } from 'node:fs';
import { ConfigurationError } from '../errors.js';
import { LineFile, type FileLine } from './file-lines.js';

/** Where one line sits in the file, and what the scan kept of it. */
export interface IndexedLine<K> {
  offset: number;
  length: number;
  key: K;
}

const BLOCK = 64 * 1024;

/**
 * Random access to the lines of a JSONL file without holding them: one pass records each line's
 * byte range (and whatever `keyOf` keeps of it), later reads parse single lines again. Reports use
 * it so a 100,000-result run costs megabytes of offsets rather than hundreds of MB of objects.
 *
 * Same rules as readJsonLines: a torn last line (the process was killed mid-write) is skipped, a
 * bad line anywhere else is corruption (ConfigurationError naming file and line).
 */
export class JsonlIndex<K> {
  readonly lines: IndexedLine<K>[] = [];
  private fd: number | undefined;
  /** The last block read: reports mostly ask for lines in file order, so most reads are served from it. */
  private block = { start: 0, data: Buffer.alloc(0) };

  constructor(
    private readonly file: string,
    keyOf: (value: unknown) => K,
  ) {
    this.scan(keyOf);
  }

  private scan(keyOf: (value: unknown) => K): void {
    const file = new LineFile(this.file);
    try {
      let lineNumber = 0;
      for (const line of file.lines()) {
        lineNumber += 1;
        this.add(line, lineNumber, keyOf);
      }
    } finally {
      file.close();
    }
  }

  private add(line: FileLine, lineNumber: number, keyOf: (value: unknown) => K): void {
    if (!line.text.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(line.text);
    } catch {
      // A torn last line: the result it held is redone by --resume.
      if (!line.ended) return;
      throw new ConfigurationError([{ file: this.file, row: lineNumber, message: 'not valid JSON (the file is corrupted)' }]);
    }
    this.lines.push({ offset: line.offset, length: line.bytes, key: keyOf(value) });
  }

  /** Parse the line at `index` (in file order) again. */
  read<T>(index: number): T {
    const { offset, length } = this.lines[index];
    let { start, data } = this.block;
    if (offset < start || offset + length > start + data.length) {
      this.fd ??= openSync(this.file, 'r');
      data = Buffer.allocUnsafe(Math.max(BLOCK, length));
      data = data.subarray(0, readSync(this.fd, data, 0, data.length, offset));
      start = offset;
      this.block = { start, data };
    }
    return JSON.parse(data.toString('utf8', offset - start, offset - start + length)) as T;
  }

  /** Release the file handle kept for reads (reading again reopens it). */
  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    this.block = { start: 0, data: Buffer.alloc(0) };
  }
}
