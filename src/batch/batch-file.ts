import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as z from 'zod';
import { ConfigurationError } from '../errors.js';
import { RUN_FILES, writeJsonAtomic } from '../store/run-dir.js';
import type { BatchState, Submission } from './types.js';

// `<runDir>/batches.json`: every batch the run submitted, and every submission still under way.
// Written (atomically) before and after each submit and after each collection, so a crash or an
// impatient Ctrl-C never loses a paid-for batch.

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

const submissionSchema = z.object({
  provider: z.enum(['openai', 'anthropic']),
  system: z.string(),
  tag: z.string(),
  customIds: z.array(z.string()),
  startedAt: z.string(),
  inputFileId: z.string().optional(),
});

// `submitting` came after version 1 shipped: optional, so older run folders still read.
const fileSchema = z.object({ version: z.literal(1), batches: z.array(stateSchema), submitting: z.array(submissionSchema).optional() });

export interface BatchFile {
  batches: BatchState[];
  submitting: Submission[];
}

const BATCHES_FILE = RUN_FILES.batches;

/** Path of a run folder's batch file. */
function batchesPath(runDir: string): string {
  return path.join(runDir, BATCHES_FILE);
}

/** The run's batches, oldest first; none when the file does not exist. Throws ConfigurationError when it is damaged. */
export function readBatches(runDir: string): BatchState[] {
  return readBatchFile(runDir).batches;
}

/** The run's batches and unfinished submissions. Throws ConfigurationError when the file is damaged. */
export function readBatchFile(runDir: string): BatchFile {
  const file = batchesPath(runDir);
  if (!existsSync(file)) return { batches: [], submitting: [] };
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
  return { batches: parsed.data.batches, submitting: parsed.data.submitting ?? [] };
}

/** Replace the run's batch file with these batches and submissions. */
export function writeBatches(runDir: string, batches: BatchState[], submitting: Submission[] = []): void {
  writeJsonAtomic(batchesPath(runDir), { version: 1, batches, ...(submitting.length ? { submitting } : {}) });
}
