import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

const CHUNK = 1 << 16;

export interface FileTail {
  /** The last complete lines of the file (at least the number asked for, when it has them). */
  buffer: Buffer;
  /** Lines before them, counted without being decoded. */
  linesBefore: number;
}

/**
 * The end of an append-only file holding at least `lines` whole lines, read backwards in chunks, and
 * a count of the lines before it. An ever-growing file costs the lines wanted, not its whole length.
 */
export function readTail(file: string, lines: number): FileTail {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const chunks: Buffer[] = [];
    let position = size;
    let newlines = 0;
    // One newline more than the lines wanted: the line it ends is the first whole one.
    while (position > 0 && newlines <= lines) {
      const length = Math.min(CHUNK, position);
      position -= length;
      const chunk = Buffer.allocUnsafe(length);
      readSync(fd, chunk, 0, length, position);
      chunks.unshift(chunk);
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) newlines += 1;
    }
    let buffer = Buffer.concat(chunks);
    if (position === 0) return { buffer, linesBefore: 0 };
    // The first line read is cut (it began before `position`): it belongs to the lines before.
    const cut = buffer.indexOf(10) + 1;
    const headLength = position + cut;
    buffer = buffer.subarray(cut);
    return { buffer, linesBefore: countLines(fd, headLength) };
  } finally {
    closeSync(fd);
  }
}

/** Newlines in the file's first `length` bytes: each ends a line (blank ones too, which are rare). */
function countLines(fd: number, length: number): number {
  const chunk = Buffer.allocUnsafe(CHUNK);
  let count = 0;
  for (let position = 0; position < length; position += CHUNK) {
    const read = readSync(fd, chunk, 0, Math.min(CHUNK, length - position), position);
    const view = chunk.subarray(0, read);
    for (let i = view.indexOf(10); i !== -1; i = view.indexOf(10, i + 1)) count += 1;
  }
  return count;
}
