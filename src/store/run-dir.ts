import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync, renameSync } from 'node:fs';
import path from 'node:path';

/** Run ids sort by time (to the millisecond) and do not collide: `20261126-023512-482-a1b2`. */
export function newRunId(now = new Date()): string {
  const iso = now.toISOString();
  const stamp = `${iso.slice(0, 10).replace(/-/g, '')}-${iso.slice(11, 19).replace(/:/g, '')}-${iso.slice(20, 23)}`;
  return `${stamp}-${randomBytes(2).toString('hex')}`;
}

export interface RunPaths {
  dir: string;
  results: string;
  summary: string;
  meta: string;
  /** The cases as they were when the run started, so reports never depend on today's dataset. */
  cases: string;
}

/** `reports/<suite>/<run-id>/` and the files in it. */
export function runPaths(reportsDir: string, suite: string, runId: string): RunPaths {
  return runFolderPaths(path.join(reportsDir, suite, runId));
}

/** The files of an existing run folder. */
export function runFolderPaths(dir: string): RunPaths {
  return {
    dir,
    results: path.join(dir, 'results.jsonl'),
    summary: path.join(dir, 'summary.json'),
    meta: path.join(dir, 'run.json'),
    cases: path.join(dir, 'cases.jsonl'),
  };
}

export function createRunDir(paths: RunPaths): void {
  mkdirSync(paths.dir, { recursive: true });
}

/** Write JSON through a temporary file and a rename, so a crash never leaves half a file. */
export function writeJsonAtomic(file: string, value: unknown): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(value, null, 2) + '\n');
  renameSync(temporary, file);
}
