import { existsSync, readFileSync } from 'node:fs';
import { readTail } from './file-tail.js';
import { HISTORY_FORMAT_VERSION, historyRecordSchema, type HistoryRecord } from './record.js';

export interface History {
  /** The latest runs asked for (all by default), oldest first, one per run id. */
  records: HistoryRecord[];
  /**
   * Runs in the file: exact without `last`; with it, the lines before the part read are counted as
   * runs without being read (a duplicate or damaged line among them counts too).
   */
  total: number;
  /** Lines left out, and why: a newer evals wrote them, or they are not a record (a torn line, a bad merge). */
  newer: number;
  damaged: number;
}

/** A line as far as ordering needs it: its run id, its time and where it is in the file. The rest is parsed only for the records returned. */
interface Entry {
  runId: string;
  time: string;
  start: number;
  end: number;
  data?: unknown;
}

/** Bytes of a line decoded to read its run id and time: the prefix below is well inside them. */
const HEAD_BYTES = 320;

/**
 * Lines read beyond the runs asked for, so that lines a merge put out of time order (a branch's runs
 * placed before main's, `merge=union`) are still sorted into place, and a run recorded twice counts once.
 */
const OUT_OF_ORDER_SLACK = 200;

// The start of every line evals writes (the schema's key order). Lines that do not start like this,
// edited by hand or written by another tool, are parsed in full instead.
const PREFIX = /^\{"formatVersion":(\d+),"runId":"([^"\\]*)","suite":"(?:[^"\\]|\\.)*","time":"([^"\\]*)"/;

/**
 * A suite's history.jsonl, as tolerant as an append-only file shared through git must be: lines two
 * branches appended in either order are sorted by time; a run recorded twice (merged branches, a
 * copied file) counts once, its last line winning; a line that is not a record, or that a newer evals
 * wrote, is counted and skipped rather than failing the whole history. A missing file is no history.
 * With `last`, only the end of the file is read (the runs asked for and OUT_OF_ORDER_SLACK lines more),
 * and only the runs returned are parsed in full and checked against the schema: the cost is the runs
 * shown, not the years of history before them.
 */
export function readHistory(file: string, options: { last?: number } = {}): History {
  const history: History = { records: [], total: 0, newer: 0, damaged: 0 };
  if (!existsSync(file)) return history;
  // Read as bytes and decode only each line's head: a long history is never one big string.
  const { buffer, linesBefore } = options.last === undefined ? { buffer: readFileSync(file), linesBefore: 0 } : readTail(file, options.last + OUT_OF_ORDER_SLACK);
  const byRun = new Map<string, Entry>();
  for (let start = 0; start < buffer.length;) {
    const newline = buffer.indexOf(10, start);
    const end = newline === -1 ? buffer.length : newline;
    const entry = entryOf(buffer, start, end, history);
    if (entry) {
      byRun.delete(entry.runId);
      byRun.set(entry.runId, entry);
    }
    start = end + 1;
  }
  const entries = [...byRun.values()].sort((a, b) => (a.time === b.time ? (a.runId < b.runId ? -1 : 1) : a.time < b.time ? -1 : 1));
  history.total = linesBefore + entries.length;
  const wanted = options.last ?? entries.length;
  for (let i = entries.length - 1; i >= 0 && history.records.length < wanted; i--) {
    const entry = entries[i];
    let data = entry.data;
    try {
      data ??= JSON.parse(buffer.toString('utf8', entry.start, entry.end));
    } catch {
      data = undefined;
    }
    const parsed = historyRecordSchema.safeParse(data);
    if (parsed.success) history.records.push(parsed.data);
    else {
      history.damaged += 1;
      history.total -= 1;
    }
  }
  history.records.reverse();
  return history;
}

function entryOf(buffer: Buffer, start: number, end: number, history: History): Entry | undefined {
  const head = buffer.toString('utf8', start, Math.min(end, start + HEAD_BYTES));
  if (!head.trim()) return undefined;
  const match = PREFIX.exec(head);
  if (match) {
    if (Number(match[1]) > HISTORY_FORMAT_VERSION) history.newer += 1;
    else return { runId: match[2], time: match[3], start, end };
    return undefined;
  }
  const line = buffer.toString('utf8', start, end);
  let data: { formatVersion?: unknown; runId?: unknown; time?: unknown } | null;
  try {
    data = JSON.parse(line);
  } catch {
    history.damaged += 1;
    return undefined;
  }
  if (typeof data?.formatVersion === 'number' && data.formatVersion > HISTORY_FORMAT_VERSION) {
    history.newer += 1;
    return undefined;
  }
  if (typeof data?.runId !== 'string' || typeof data.time !== 'string') {
    history.damaged += 1;
    return undefined;
  }
  return { runId: data.runId, time: data.time, start, end, data };
}

/** One line for the reader when lines were skipped; undefined when none were. */
export function skippedLinesNote(history: History, file: string): string | undefined {
  const parts = [history.newer ? `${history.newer} written by a newer evals (upgrade evals-harness to read them)` : '', history.damaged ? `${history.damaged} not a valid record` : ''].filter(Boolean);
  return parts.length ? `${file}: skipped ${parts.join(' and ')}` : undefined;
}
