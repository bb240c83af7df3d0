import { existsSync } from 'node:fs';
import path from 'node:path';
import { collectGarbage } from '../heap.js';
import { IdLines } from '../store/id-lines.js';
import { RUN_FILES } from '../store/run-dir.js';
import type { Case, ResultRecord } from '../types.js';
import { ResultLines } from './result-lines.js';

// What reports read a run's cases and results through. From a run folder they are indexes into
// cases.jsonl and results.jsonl, read line by line when a report asks, so memory does not grow with
// the number of cases; tests build the same thing from arrays.

/** The run's cases in dataset order. Iterating reads them one at a time. */
export interface CaseSource extends Iterable<Case> {
  readonly size: number;
  /** Case ids in dataset order, read as they are iterated (a million ids are not held as strings). */
  readonly ids: Iterable<string>;
  get(id: string): Case | undefined;
  /** 0-based place in dataset order. */
  position(id: string): number | undefined;
  /** The id of the case at a place in dataset order. */
  idAt(position: number): string;
  /** Release open files (reading again reopens them). */
  close(): void;
}

/** The run's results by case and system. */
export interface ResultSource {
  /** One case's results for one system, in repeat order (empty when it did not run). */
  get(caseId: string, system: string): ResultRecord[];
  /** Release open files (reading again reopens them). */
  close(): void;
}

const resultKey = (caseId: string, system: string) => `${caseId}\u0000${system}`;
const byRepeat = (a: ResultRecord, b: ResultRecord) => a.repeat - b.repeat;

/** Cases held in memory. */
export function casesInMemory(cases: readonly Case[]): CaseSource {
  const byId = new Map(cases.map((c, i) => [c.id, i]));
  return {
    size: cases.length,
    ids: cases.map((c) => c.id),
    get: (id) => {
      const at = byId.get(id);
      return at === undefined ? undefined : cases[at];
    },
    position: (id) => byId.get(id),
    idAt: (position) => cases[position].id,
    [Symbol.iterator]: () => cases[Symbol.iterator](),
    close: () => {},
  };
}

/** Results held in memory. */
export function resultsInMemory(records: Iterable<ResultRecord>): ResultSource {
  const map = new Map<string, ResultRecord[]>();
  for (const record of records) {
    const key = resultKey(record.caseId, record.system);
    const list = map.get(key);
    if (list) list.push(record);
    else map.set(key, [record]);
  }
  for (const list of map.values()) list.sort(byRepeat);
  return { get: (caseId, system) => map.get(resultKey(caseId, system)) ?? [], close: () => {} };
}

/** `make()` on first use, then the same value (`made()` without making it): an index is built only when a report reads it. */
function once<T>(make: () => T): (() => T) & { made(): T | undefined } {
  let made: { value: T } | undefined;
  return Object.assign(() => (made ??= { value: make() }).value, { made: () => made?.value });
}

/**
 * An index just built, after a full collection: building it parsed every line of its file, and with the
 * garbage still held the next index (or report) was built beside it. A million-case run's four reports
 * peaked 12 MB lower.
 */
function collected<T>(index: T): T {
  collectGarbage();
  return index;
}

/**
 * A run folder's cases.jsonl, read on demand. The index is built on first use: the terminal table
 * and `--gate` read no case, and a million-case index is tens of MB.
 */
export function casesFromRun(runDir: string): CaseSource {
  const file = path.join(runDir, RUN_FILES.cases);
  if (!existsSync(file)) return casesInMemory([]);
  const index = once(() => collected(new IdLines(file, (value) => String((value as Case).id))));
  return {
    get size() {
      return index().length;
    },
    ids: {
      *[Symbol.iterator]() {
        for (let i = 0; i < index().length; i++) yield index().key(i);
      },
    },
    get: (id) => {
      const at = index().firstOf(id);
      return at === undefined ? undefined : index().read<Case>(at);
    },
    position: (id) => index().firstOf(id),
    idAt: (position) => index().key(position),
    *[Symbol.iterator]() {
      try {
        for (let i = 0; i < index().length; i++) yield index().read<Case>(i);
      } finally {
        index().close();
      }
    },
    close: () => index.made()?.close(),
  };
}

/**
 * A run folder's results.jsonl, read on demand (indexed on first use, like casesFromRun), its lines
 * found by case and system through the places `cases` gives the case ids (result-lines.ts).
 */
export function resultsFromRun(runDir: string, cases: CaseSource): ResultSource {
  const file = path.join(runDir, RUN_FILES.results);
  if (!existsSync(file)) return resultsInMemory([]);
  const index = once(() => collected(new ResultLines(file, cases)));
  return {
    get: (caseId, system) =>
      index()
        .linesOf(caseId, system, cases.position(caseId))
        .map((i) => index().read(i))
        .sort(byRepeat),
    close: () => index.made()?.close(),
  };
}
