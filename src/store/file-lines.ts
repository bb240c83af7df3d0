import { closeSync, openSync, readSync } from 'node:fs';

// A file read as lines with where each starts, so a line can be read again later by its offset
// instead of being kept: a million-case baseline.json or results.jsonl is indexed with a few
// numbers a line and read back one line at a time (regression/baseline-index.ts, run-baseline.ts).
// The file stays open: a replacement written through a rename (writeFileAtomic) does not change
// what an open descriptor reads.

export interface FileLine {
  text: string;
  /** Byte offset of the line's first byte. */
  offset: number;
  /** Its length in bytes, without the line break. */
  bytes: number;
  /** False for a last line with no line break after it (a write cut short, in an append-only file). */
  ended: boolean;
}

const CHUNK = 1 << 20;
const NEWLINE = 0x0a;

export class LineFile {
  private readonly fd: number;
  private buffer = Buffer.alloc(4096);

  constructor(readonly file: string) {
    this.fd = openSync(file, 'r');
  }

  /** How many lines {@link lines} gives at most (blank lines and a last line without a break counted): typed arrays sized once, not grown by doubling. */
  countLines(): number {
    const chunk = Buffer.alloc(CHUNK);
    let count = 0;
    let last = NEWLINE;
    for (let position = 0, read = 0; (read = readSync(this.fd, chunk, 0, CHUNK, position)) > 0; position += read) {
      for (let at = chunk.indexOf(NEWLINE, 0); at !== -1 && at < read; at = chunk.indexOf(NEWLINE, at + 1)) count += 1;
      last = chunk[read - 1];
    }
    return last === NEWLINE ? count : count + 1;
  }

  /**
   * Every line from byte `from` (the start of a line; default the file's start), one chunk in memory at
   * a time (a `\r` before the `\n` is dropped from `text`). With `textBytes`, `text` is only the line's
   * first that many bytes (a scan that needs each line's head, not its whole text).
   */
  *lines(from = 0, textBytes = Infinity): Generator<FileLine> {
    const chunk = Buffer.alloc(CHUNK);
    let carry: Buffer[] = [];
    let carryStart = 0;
    let position = from;
    for (;;) {
      const read = readSync(this.fd, chunk, 0, CHUNK, position);
      if (read === 0) break;
      let from = 0;
      for (let at = chunk.indexOf(NEWLINE, 0); at !== -1 && at < read; at = chunk.indexOf(NEWLINE, from)) {
        const part = chunk.subarray(from, at);
        if (carry.length) {
          const whole = Buffer.concat([...carry, part]);
          yield this.lineOf(whole, carryStart, true, textBytes);
          carry = [];
        } else yield this.lineOf(part, position + from, true, textBytes);
        from = at + 1;
      }
      if (from < read) {
        if (!carry.length) carryStart = position + from;
        carry.push(Buffer.from(chunk.subarray(from, read)));
      }
      position += read;
    }
    if (carry.length) yield this.lineOf(Buffer.concat(carry), carryStart, false, textBytes);
  }

  private lineOf(bytes: Buffer, offset: number, ended: boolean, textBytes: number): FileLine {
    const end = bytes.length && bytes[bytes.length - 1] === 0x0d ? bytes.length - 1 : bytes.length;
    return { text: bytes.toString('utf8', 0, Math.min(end, textBytes)), offset, bytes: bytes.length, ended };
  }

  /** The line at `offset`, `bytes` long (as {@link lines} gave them). */
  lineAt(offset: number, bytes: number): string {
    if (this.buffer.length < bytes) this.buffer = Buffer.alloc(Math.max(bytes, this.buffer.length * 2));
    let done = 0;
    while (done < bytes) {
      const read = readSync(this.fd, this.buffer, done, bytes - done, offset + done);
      if (read === 0) break;
      done += read;
    }
    const end = done && this.buffer[done - 1] === 0x0d ? done - 1 : done;
    return this.buffer.toString('utf8', 0, end);
  }

  close(): void {
    closeSync(this.fd);
  }
}
