import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { readJsonLines } from '../store/read-run.js';
import { RUN_FILES } from '../store/run-dir.js';
import type { Case } from '../types.js';

/**
 * A hash of the questions a run asked: each case's id and its question hash (run/question-hash.ts), in
 * id order, from the run's own cases.jsonl. Equal hashes mean two runs answered the same cases, so a
 * pass-rate jump between them is the system's doing; editing a note or a recorded output keeps it.
 */
export async function datasetHash(runDir: string): Promise<{ hash: string; cases: number }> {
  const file = path.join(runDir, RUN_FILES.cases);
  const entries: string[] = [];
  if (existsSync(file)) for await (const kase of readJsonLines<Case>(file)) entries.push(`${kase.id}\t${kase.contentHash}`);
  entries.sort();
  const hash = createHash('sha256');
  for (const entry of entries) hash.update(entry + '\n');
  return { hash: hash.digest('hex').slice(0, 16), cases: entries.length };
}
