import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ConfigurationError } from '../errors.js';
import { writeJsonAtomic } from '../store/run-dir.js';
import type { BatchState } from './types.js';

// `<runDir>/batches.json`: every batch the run submitted. Written (atomically) right after each
// submit and each collection, so a crash or an impatient Ctrl-C never loses a paid-for batch.

const stateSchema = z.object({
  provider: z.enum(['openai', 'anthropic']),
  system: z.string(),
  batchId: z.string(),
  inputFileId: z.string().optional(),
  customIds: z.array(z.string()),
  submittedAt: z.string(),
  status: z.enum(['submitted', 'done']),
  collected: z.array(z.string()).optional(),
  failed: z.array(z.string()).optional(),
  collectedAt: z.string().optional(),
});

const fileSchema = z.object({ version: z.literal(1), batches: z.array(stateSchema) });

export const BATCHES_FILE = 'batches.json';

/** Path of a run folder's batch file. */
export function batchesPath(runDir: string): string {
  return path.join(runDir, BATCHES_FILE);
}

/** The run's batches, oldest first; none when the file does not exist. Throws ConfigurationError when it is damaged. */
export function readBatches(runDir: string): BatchState[] {
  const file = batchesPath(runDir);
  if (!existsSync(file)) return [];
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigurationError([{ file, message: `not valid JSON (${error instanceof Error ? error.message : String(error)})` }]);
  }
  const parsed = fileSchema.safeParse(data);
  if (!parsed.success) {
    throw new ConfigurationError(parsed.error.issues.map((issue) => ({ file, column: issue.path.join('.') || undefined, message: issue.message })));
  }
  return parsed.data.batches;
}

/** Replace the run's batch file with these batches. */
export function writeBatches(runDir: string, batches: BatchState[]): void {
  writeJsonAtomic(batchesPath(runDir), { version: 1, batches });
}
