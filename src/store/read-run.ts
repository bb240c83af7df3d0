import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { ConfigurationError } from '../errors.js';
import { nextTurnOfEventLoop } from '../event-loop-turn.js';
import type { Case, ResultRecord } from '../types.js';
import { LineFile } from './file-lines.js';
import { isRunFolder, RUN_FILES } from './run-dir.js';
import type { RunSummary } from './summary.js';

/**
 * Stream a JSONL file one parsed line at a time. A torn last line (the process was killed mid-write)
 * is skipped; a bad line anywhere else is corruption and an error.
 *
 * Read a megabyte at a time with synchronous reads (LineFile), not readline over a read stream: a run
 * reads its cases.jsonl this way before its first request, and the stream's asynchronous open and
 * first read, and loading Node's fs streams, cost ~6 ms there (start-up, issue 14). A chunk of a
 * local file is read in well under a millisecond.
 */
export async function* readJsonLines<T>(file: string): AsyncGenerator<T> {
  const lines = new LineFile(file);
  try {
    let pending: { text: string; number: number } | undefined;
    let number = 0;
    let breatheAt = BREATH_BYTES;
    for (const line of lines.lines()) {
      if (line.offset >= breatheAt) {
        breatheAt = line.offset + BREATH_BYTES;
        await nextTurnOfEventLoop();
      }
      number += 1;
      if (pending) yield parseLine<T>(pending.text, file, pending.number);
      pending = line.text.trim() ? { text: line.text, number } : undefined;
    }
    if (pending) {
      try {
        yield JSON.parse(pending.text) as T;
      } catch {
        // The last line was cut short by a crash: the result it held will be redone by --resume.
      }
    }
  } finally {
    lines.close();
  }
}

/**
 * How much of a file readJsonLines reads between turns of the event loop. A reader that never leaves its
 * microtasks starves V8's own tasks (a major collection is finished by one): a pass over a million-case
 * results.jsonl in one go let the assessment of the templated million-case run peak at 234 MB instead of 207.
 */
const BREATH_BYTES = 1 << 20;

function parseLine<T>(text: string, file: string, line: number): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ConfigurationError([{ file, row: line, message: 'not valid JSON (the file is corrupted)' }]);
  }
}

export function readResults(runDir: string): AsyncGenerator<ResultRecord> {
  return readJsonLines<ResultRecord>(path.join(runDir, RUN_FILES.results));
}

export async function readCases(runDir: string): Promise<Case[]> {
  const cases: Case[] = [];
  const file = path.join(runDir, RUN_FILES.cases);
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

export function readSummary(runDir: string): RunSummary | undefined {
  const file = path.join(runDir, RUN_FILES.summary);
  return existsSync(file) ? readRunJson<RunSummary>(file) : undefined;
}

/** The newest run folder of a suite, or undefined. Run ids sort by time. */
export function latestRunDir(reportsDir: string, suite: string): string | undefined {
  const dir = path.join(reportsDir, suite);
  if (!existsSync(dir)) return undefined;
  const runs = readdirSync(dir)
    .filter((name) => isRunFolder(path.join(dir, name)))
    .sort();
  return runs.length ? path.join(dir, runs[runs.length - 1]) : undefined;
}

/**
 * A run as the user names it: a folder path, or a run id found under `reports/<suite>/`.
 * Errors list what exists, since run ids are long and easy to mistype.
 */
export function resolveRunDir(reference: string, reportsDir: string, cwd = path.dirname(reportsDir)): string {
  const direct = path.resolve(cwd, reference);
  if (isRunFolder(direct)) return direct;
  if (existsSync(reportsDir)) {
    for (const suite of readdirSync(reportsDir)) {
      const candidate = path.join(reportsDir, suite, reference);
      if (isRunFolder(candidate)) return candidate;
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
    exists ? `${reference}: not a run folder (it has no ${RUN_FILES.meta})` : `${reference}: no such run (give a run folder, a run id from reports/<suite>/, or a suite name for its latest run)`,
  );
}
