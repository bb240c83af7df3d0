import { closeSync, existsSync, fstatSync, ftruncateSync, openSync, readSync, writeSync } from 'node:fs';

/**
 * Make an append-only JSONL file safe to append to again. After `kill -9` or a power cut the last
 * line may be half-written: appending after it would glue two records together, so it is cut. A
 * complete record that only lacks its newline (a hand-edited file) is kept and given one.
 */
export function repairTornTail(fd: number): void {
  const size = fstatSync(fd).size;
  const keep = lastNewlineEnd(fd, size);
  if (keep === size) return;
  const tail = Buffer.alloc(size - keep);
  readSync(fd, tail, 0, tail.length, keep);
  try {
    JSON.parse(tail.toString('utf8'));
    writeSync(fd, '\n', size);
  } catch {
    ftruncateSync(fd, keep);
  }
}

/** The same, by path; a missing file needs no repair. */
export function repairTornTailOf(file: string): void {
  if (!existsSync(file)) return;
  const fd = openSync(file, 'r+');
  try {
    repairTornTail(fd);
  } finally {
    closeSync(fd);
  }
}

/** Offset just after the file's last newline (0 when there is none). */
function lastNewlineEnd(fd: number, size: number): number {
  const chunk = Buffer.alloc(Math.min(Math.max(size, 1), 1 << 16));
  let end = size;
  while (end > 0) {
    const start = Math.max(0, end - chunk.length);
    const length = end - start;
    readSync(fd, chunk, 0, length, start);
    const newline = chunk.subarray(0, length).lastIndexOf(0x0a);
    if (newline !== -1) return start + newline + 1;
    end = start;
  }
  return 0;
}
