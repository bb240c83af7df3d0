import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { ConfigurationError } from '../errors.js';
import type { FileLine } from './file-lines.js';

const BLOCK = 64 * 1024;

/**
 * A JSONL line as an index reads it: undefined for a blank line or a torn last line (the process was
 * killed mid-write; what it held is redone by --resume), a ConfigurationError naming file and line
 * for a bad line anywhere else (the file is corrupted). The same rules as readJsonLines.
 */
export function parseIndexedLine(file: string, line: FileLine, lineNumber: number): unknown {
  if (!line.text.trim()) return undefined;
  try {
    return JSON.parse(line.text);
  } catch {
    if (!line.ended) return undefined;
    throw new ConfigurationError([{ file, row: lineNumber, message: 'not valid JSON (the file is corrupted)' }]);
  }
}

/** Room for `count` lines' byte offsets: 32 bits each while the file is under 4 GiB (a million-line index holds 4 MB less), 64 beyond. */
export function offsetsFor(file: string, count: number): Uint32Array | Float64Array {
  return statSync(file).size < 2 ** 32 ? new Uint32Array(count) : new Float64Array(count);
}

/** Lines of a file parsed again by byte range, through the last 64 KB block read: reports mostly ask for lines in file order, so most reads are served from it. */
export class LineReads {
  private fd: number | undefined;
  private block = { start: 0, data: Buffer.alloc(0) };

  constructor(private readonly file: string) {}

  /** Parse the `length` bytes at `offset` as JSON. */
  read<T>(offset: number, length: number): T {
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

  /** Release the file handle (reading again reopens it). */
  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    this.block = { start: 0, data: Buffer.alloc(0) };
  }
}
