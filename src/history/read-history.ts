import { existsSync, readFileSync } from 'node:fs';
import { HISTORY_FORMAT_VERSION, historyRecordSchema, type HistoryRecord } from './record.js';

export interface History {
  /** Oldest first, one per run id. */
  records: HistoryRecord[];
  /** Lines left out, and why: a newer evals wrote them, or they are not a record (a torn line, a bad merge). */
  newer: number;
  damaged: number;
}

/**
 * A suite's history.jsonl, as tolerant as an append-only file shared through git must be: lines two
 * branches appended in either order are sorted by time; a run recorded twice (merged branches, a
 * copied file) counts once, its last line winning; a line that is not a record, or that a newer evals
 * wrote, is counted and skipped rather than failing the whole history. A missing file is no history.
 */
export function readHistory(file: string): History {
  const history: History = { records: [], newer: 0, damaged: 0 };
  if (!existsSync(file)) return history;
  const byRun = new Map<string, HistoryRecord>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    let data: unknown;
    try {
      data = JSON.parse(line);
    } catch {
      history.damaged += 1;
      continue;
    }
    const version = (data as { formatVersion?: unknown } | null)?.formatVersion;
    if (typeof version === 'number' && version > HISTORY_FORMAT_VERSION) {
      history.newer += 1;
      continue;
    }
    const parsed = historyRecordSchema.safeParse(data);
    if (!parsed.success) {
      history.damaged += 1;
      continue;
    }
    byRun.delete(parsed.data.runId);
    byRun.set(parsed.data.runId, parsed.data);
  }
  history.records = [...byRun.values()].sort((a, b) => (a.time === b.time ? (a.runId < b.runId ? -1 : 1) : a.time < b.time ? -1 : 1));
  return history;
}

/** One line for the reader when lines were skipped; undefined when none were. */
export function skippedLinesNote(history: History, file: string): string | undefined {
  const parts = [history.newer ? `${history.newer} written by a newer evals (upgrade evals-harness to read them)` : '', history.damaged ? `${history.damaged} not a valid record` : ''].filter(Boolean);
  return parts.length ? `${file}: skipped ${parts.join(' and ')}` : undefined;
}
