import { existsSync } from 'node:fs';
import type { ResultRecord } from '../types.js';
import { readJsonLines } from './read-run.js';

/** `case \0 system \0 repeat`: the identity of one unit of work in a run. */
export function jobKey(caseId: string, system: string, repeat: number): string {
  return `${caseId}\u0000${system}\u0000${repeat}`;
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
