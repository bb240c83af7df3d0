import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { readJsonLines } from '../store/read-run.js';
import { RUN_FILES } from '../store/run-dir.js';
import { StringColumn } from '../text/string-column.js';
import type { Case } from '../types.js';

export interface DatasetHash {
  hash: string;
  cases: number;
}

/**
 * A hash of the questions a run asked: each case's id and its question hash (run/question-hash.ts), in
 * id order, from the run's own cases.jsonl. Equal hashes mean two runs answered the same cases, so a
 * pass-rate jump between them is the system's doing; editing a note or a recorded output keeps it.
 * The entries are kept as UTF-8 bytes and sorted in place (code-point order, which is JavaScript's
 * string order for every id without characters beyond U+FFFF): a million of them as strings were
 * ~100 MB at the end of a run.
 */
export async function datasetHash(runDir: string): Promise<DatasetHash> {
  const file = path.join(runDir, RUN_FILES.cases);
  const entries = new StringColumn();
  if (existsSync(file)) for await (const kase of readJsonLines<Case>(file)) entries.push(`${kase.id}\t${kase.contentHash}`);
  const order = new Uint32Array(entries.length).map((_, i) => i).sort((a, b) => entries.compare(a, b));
  const hash = createHash('sha256');
  for (const i of order) hash.update(entries.get(i) + '\n');
  return { hash: hash.digest('hex').slice(0, 16), cases: entries.length };
}
