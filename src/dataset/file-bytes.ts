import { isUtf8 } from 'node:buffer';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { ConfigurationError } from '../errors.js';

// A dataset file's bytes read from disk a range at a time, never held whole. A million-row sheet
// with a recorded-output column is ~300 MB: read into one Buffer it alone took `evals validate` over
// its 250 MB budget, however little the passes over it kept. Each read opens the file again, so no
// descriptor outlives a pass (a test or a long-lived caller loading many datasets leaks none), and
// checks its size: a file saved again while it is read is an error, not rows from two versions.

/** Bytes of a file between two offsets, as `Uint8Array.subarray` gives them for bytes in memory. */
export interface ByteRange {
  length: number;
  range(from: number, to: number): Uint8Array;
}

/** The bytes of `absolute` as a ByteRange; `file` is the path as the user wrote it, for the message. */
export function fileBytes(absolute: string, file: string, length: number): ByteRange {
  return {
    length,
    range(from, to) {
      let fd: number;
      try {
        fd = openSync(absolute, 'r');
      } catch (error) {
        throw new ConfigurationError([{ file, message: `cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})` }]);
      }
      try {
        if (fstatSync(fd).size !== length) throw new ConfigurationError([{ file, message: 'changed while it was being read; run the command again' }]);
        const out = Buffer.allocUnsafe(Math.max(0, to - from));
        let done = 0;
        while (done < out.length) {
          const read = readSync(fd, out, done, out.length - done, from + done);
          if (read === 0) break;
          done += read;
        }
        return out.subarray(0, done);
      } finally {
        closeSync(fd);
      }
    },
  };
}

/** Bytes already in memory as a ByteRange. */
export function memoryBytes(bytes: Uint8Array): ByteRange {
  return { length: bytes.length, range: (from, to) => bytes.subarray(from, to) };
}

/** Where a character starts at or before `to` (never before `from`): UTF-8 continuation bytes are 10xxxxxx. */
export function characterStart(bytes: ByteRange, from: number, to: number): number {
  if (to >= bytes.length) return bytes.length;
  // A character is at most 4 bytes: its start is within 3 before `to` in valid UTF-8.
  const base = Math.max(from, to - 3);
  const tail = bytes.range(base, to + 1);
  let at = to;
  while (at > base && (tail[at - base] & 0xc0) === 0x80) at -= 1;
  return at;
}

/** Whether every byte from `from` on is valid UTF-8 without a NUL, checked a megabyte at a time. */
export function utf8WithoutNul(bytes: ByteRange, from: number, chunk = 1 << 20): boolean {
  for (let at = from; at < bytes.length;) {
    const to = characterStart(bytes, at, Math.min(bytes.length, at + chunk));
    // A character longer than the chunk cannot be: a chunk of at least 4 bytes always ends past one.
    const part = bytes.range(at, to === at ? bytes.length : to);
    if (!isUtf8(part) || part.includes(0)) return false;
    at = to === at ? bytes.length : to;
  }
  return true;
}
