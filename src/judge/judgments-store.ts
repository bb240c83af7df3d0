import { closeSync, existsSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import { readJsonLines } from '../store/read-run.js';
import type { PairwiseJudgment } from '../stats/judgment.js';
import { isDecided, type DecidedJudgment, type JudgmentRecord } from './types.js';
import { repairTornTail } from '../store/torn-tail.js';
import { RUN_FILES } from '../store/run-dir.js';
import { redactValue } from '../secrets/redact.js';

// `<run>/judgments.jsonl`: every judgment appended the moment it is made, by LLM judges and human
// raters alike, so an interrupted judging session loses nothing and resumes where it stopped.

const JUDGMENTS_FILE = RUN_FILES.judgments;

export function judgmentsPath(runDir: string): string {
  return path.join(runDir, JUDGMENTS_FILE);
}

/** Identity of one judging task: the same judge on the same pair of outputs. */
export function judgmentKey(record: Pick<JudgmentRecord, 'judge' | 'a' | 'b' | 'caseId' | 'repeat'>): string {
  return [record.judge, record.a, record.b, record.caseId, record.repeat ?? 0].join('\u0000');
}

/** Every line of a judgments file (none when it does not exist). A torn last line is skipped. */
export async function readJudgmentsFile(file: string): Promise<JudgmentRecord[]> {
  const records: JudgmentRecord[] = [];
  if (!existsSync(file)) return records;
  for await (const record of readJsonLines<JudgmentRecord>(file)) records.push(record);
  return records;
}

/** Every judgment recorded for a run, in the order made. */
export function readJudgments(runDir: string): Promise<JudgmentRecord[]> {
  return readJudgmentsFile(judgmentsPath(runDir));
}

/**
 * One record per judging task: the latest verdict, or the latest error when no verdict was ever
 * reached. Use before counting, so a retried error or a task judged twice counts once.
 */
export function latestJudgments(records: readonly JudgmentRecord[]): JudgmentRecord[] {
  const byKey = new Map<string, JudgmentRecord>();
  for (const record of records) {
    const key = judgmentKey(record);
    const previous = byKey.get(key);
    if (!previous || isDecided(record) || !isDecided(previous)) byKey.set(key, record);
  }
  return [...byKey.values()];
}

/** Keys of tasks that already have a verdict: these are not judged again. Errors are retried. */
export function decidedKeys(records: readonly JudgmentRecord[]): Set<string> {
  return new Set(records.filter(isDecided).map(judgmentKey));
}

/** The stats module's view of a verdict. */
export function toPairwiseJudgment(record: DecidedJudgment): PairwiseJudgment {
  return { caseId: record.caseId, a: record.a, b: record.b, winner: record.winner, ...(record.preference !== undefined ? { preference: record.preference } : {}) };
}

/**
 * Appends judgments synchronously, one line each, so the file is complete up to the last
 * judgment even if the process is killed. A line torn by an earlier crash is cut off first,
 * so the next line does not glue onto it.
 */
export class JudgmentsWriter {
  private readonly fd: number;

  constructor(file: string) {
    this.fd = openSync(file, 'a+');
    repairTornTail(this.fd);
  }

  append(record: JudgmentRecord): void {
    // A judge's reasoning (or its error) may quote a key it was shown: redacted as it is stored.
    writeSync(this.fd, JSON.stringify(redactValue(record)) + '\n');
  }

  close(): void {
    closeSync(this.fd);
  }
}
