import { closeSync, existsSync, ftruncateSync, openSync, readSync, statSync } from 'node:fs';
import type { ResultRecord } from '../types.js';
import { readJsonLines } from './read-run.js';

/** `case \0 system \0 repeat`: the identity of one unit of work in a run. */
export function jobKey(caseId: string, system: string, repeat: number): string {
  return `${caseId}\u0000${system}\u0000${repeat}`;
}

/**
 * Cut a journal back to its last complete line. After `kill -9` or a power cut the final line may be
 * half-written; appending after it would glue two records together.
 */
export function truncateTornTail(file: string): void {
  if (!existsSync(file)) return;
  const size = statSync(file).size;
  if (size === 0) return;
  const fd = openSync(file, 'r+');
  try {
    const chunk = Buffer.alloc(Math.min(size, 1 << 16));
    let end = size;
    // Walk back from the end to the last newline.
    while (end > 0) {
      const start = Math.max(0, end - chunk.length);
      const length = end - start;
      readSync(fd, chunk, 0, length, start);
      const index = chunk.subarray(0, length).lastIndexOf(0x0a);
      if (index !== -1) {
        const keep = start + index + 1;
        if (keep !== size) ftruncateSync(fd, keep);
        return;
      }
      end = start;
    }
    ftruncateSync(fd, 0);
  } finally {
    closeSync(fd);
  }
}

/** The jobs a journal already holds, each record handed to `onRecord` as it is read. Later duplicates are ignored. */
export async function replayJournal(file: string, onRecord: (record: ResultRecord) => void): Promise<Set<string>> {
  const done = new Set<string>();
  if (!existsSync(file)) return done;
  for await (const record of readJsonLines<ResultRecord>(file)) {
    const key = jobKey(record.caseId, record.system, record.repeat);
    if (done.has(key)) continue;
    done.add(key);
    onRecord(record);
  }
  return done;
}
