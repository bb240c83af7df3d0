import { createReadStream, existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { ConfigurationError } from '../errors.js';
import type { Case, CheckSpec, ResultRecord } from '../types.js';
import type { ComparisonBlock, GateBlock } from '../suite/schema.js';
import type { RunSummary } from './summary.js';

/** run.json: how a run was made. */
export interface RunMeta {
  suite: string;
  suiteFile: string;
  runId: string;
  startedAt: string;
  dataset: string;
  repeat: number;
  concurrency: number;
  filter: string | null;
  limit: number | null;
  shard: string | null;
  /** Sent through the providers' Batch APIs; --resume polls the batches saved in batches.json. */
  batch?: boolean;
  /** False when the run was made with --no-cache (its resume does not use the cache either). */
  cache?: boolean;
  checks: CheckSpec[];
  /** The dataset's header, in order. */
  columns?: string[];
  /** The suite's `labels:`. */
  labels?: string[];
  systems: Array<{ name: string; provider: string; prompt: string | null; tools: string | null }>;
  skipped: Array<{ system: string; provider: string; reason: string; variable?: string }>;
  gate: GateBlock;
  compare: ComparisonBlock[];
}

/**
 * Stream a JSONL file one parsed line at a time. A torn last line (the process was killed mid-write)
 * is skipped; a bad line anywhere else is corruption and an error.
 */
export async function* readJsonLines<T>(file: string): AsyncGenerator<T> {
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let pending: { text: string; number: number } | undefined;
  let number = 0;
  for await (const line of lines) {
    number += 1;
    if (pending) yield parseLine<T>(pending.text, file, pending.number);
    pending = line.trim() ? { text: line, number } : undefined;
  }
  if (pending) {
    try {
      yield JSON.parse(pending.text) as T;
    } catch {
      // The last line was cut short by a crash: the result it held will be redone by --resume.
    }
  }
}

function parseLine<T>(text: string, file: string, line: number): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ConfigurationError([{ file, row: line, message: 'not valid JSON (the file is corrupted)' }]);
  }
}

export function readResults(runDir: string): AsyncGenerator<ResultRecord> {
  return readJsonLines<ResultRecord>(path.join(runDir, 'results.jsonl'));
}

export async function readCases(runDir: string): Promise<Case[]> {
  const cases: Case[] = [];
  const file = path.join(runDir, 'cases.jsonl');
  if (!existsSync(file)) return cases;
  for await (const kase of readJsonLines<Case>(file)) cases.push(kase);
  return cases;
}

/** A run folder's JSON file; a damaged one is the user's problem to see (exit 2), not a crash. */
function readRunJson<T>(file: string): T {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'is missing' : 'is not valid JSON (the run folder is damaged)';
    throw new ConfigurationError(`${file} ${reason}`);
  }
}

export function readMeta(runDir: string): RunMeta {
  return readRunJson<RunMeta>(path.join(runDir, 'run.json'));
}

export function readSummary(runDir: string): RunSummary | undefined {
  const file = path.join(runDir, 'summary.json');
  return existsSync(file) ? readRunJson<RunSummary>(file) : undefined;
}

/** The newest run folder of a suite, or undefined. Run ids sort by time. */
export function latestRunDir(reportsDir: string, suite: string): string | undefined {
  const dir = path.join(reportsDir, suite);
  if (!existsSync(dir)) return undefined;
  const runs = readdirSync(dir)
    .filter((name) => existsSync(path.join(dir, name, 'run.json')))
    .sort();
  return runs.length ? path.join(dir, runs[runs.length - 1]) : undefined;
}

/**
 * A run as the user names it: a folder path, or a run id found under `reports/<suite>/`.
 * Errors list what exists, since run ids are long and easy to mistype.
 */
export function resolveRunDir(reference: string, reportsDir: string, cwd = path.dirname(reportsDir)): string {
  const direct = path.resolve(cwd, reference);
  if (existsSync(path.join(direct, 'run.json'))) return direct;
  if (existsSync(reportsDir)) {
    for (const suite of readdirSync(reportsDir)) {
      const candidate = path.join(reportsDir, suite, reference);
      if (existsSync(path.join(candidate, 'run.json'))) return candidate;
    }
    for (const suite of readdirSync(reportsDir)) {
      if (reference === suite || reference === `${suite}/latest`) {
        const latest = latestRunDir(reportsDir, suite);
        if (latest) return latest;
      }
    }
  }
  const exists = existsSync(direct) && statSync(direct).isDirectory();
  throw new ConfigurationError(
    exists
      ? `${reference}: not a run folder (it has no run.json)`
      : `${reference}: no such run (give a run folder, a run id from reports/<suite>/, or a suite name for its latest run)`,
  );
}
