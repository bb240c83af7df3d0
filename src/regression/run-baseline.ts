import path from 'node:path';
import { ConfigurationError } from '../errors.js';
import { LineFile, type FileLine } from '../store/file-lines.js';
import { RUN_FILES } from '../store/run-dir.js';
import { StringColumn } from '../text/string-column.js';
import { fit } from '../text/typed-arrays.js';
import type { ResultRecord } from '../types.js';
import { baselineOrder } from './baseline-order.js';
import { writeBaselineStreamed } from './baseline-text.js';
import { runFrame } from './run-frame.js';
import { snapshotResult, type SnapshotCase, type SnapshotResult, type SnapshotSource } from './snapshot.js';

// A stored run written as a baseline (--update-baseline, a run's compared-with.json) without
// holding its snapshot: results.jsonl is in the order answers finished, a baseline in case order,
// so a first pass notes each result's line and case id (~35 bytes a result, the id as UTF-8 bytes),
// the results are sorted by case (equal ids in file order), and each case's lines are read again as
// its line of the baseline is written. No table of ids: sorting puts a case's results side by side.
// The same bytes as serializeBaseline(snapshot of the run) (tests/regression/run-baseline.test.ts).

/** Where each result's line is and its case id, in file order. */
interface ResultLines {
  ids: StringColumn;
  offsets: Float64Array;
  lengths: Uint32Array;
}

/** results.jsonl read as readJsonLines reads it: blank lines skipped, a torn last line dropped, a bad line elsewhere an error. */
function indexResults(lines: LineFile): ResultLines {
  const ids = new StringColumn();
  let offsets = new Float64Array(0);
  let lengths = new Uint32Array(0);
  const add = (line: FileLine, record: ResultRecord) => {
    const at = ids.length;
    offsets = fit(offsets, at + 1, (n) => new Float64Array(n));
    lengths = fit(lengths, at + 1, (n) => new Uint32Array(n));
    ids.push(record.caseId);
    offsets[at] = line.offset;
    lengths[at] = line.bytes;
  };
  let pending: { line: FileLine; number: number } | undefined;
  let number = 0;
  for (const line of lines.lines()) {
    number += 1;
    if (pending) add(pending.line, parseResult(pending.line.text, lines.file, pending.number));
    pending = line.text.trim() ? { line, number } : undefined;
  }
  if (pending) {
    let last: ResultRecord | undefined;
    try {
      last = JSON.parse(pending.line.text) as ResultRecord;
    } catch {
      // The last line was cut short by a crash: the result it held will be redone by --resume.
    }
    if (last) add(pending.line, last);
  }
  return { ids, offsets, lengths };
}

function parseResult(text: string, file: string, row: number): ResultRecord {
  try {
    return JSON.parse(text) as ResultRecord;
  } catch {
    throw new ConfigurationError([{ file, row, message: 'not valid JSON (the file is corrupted)' }]);
  }
}

/**
 * Write the run in `runDir` as a baseline at `file`. Systems of `previous` that did not run (no key,
 * or left out with --systems) keep their results from it, so updating does not switch their checks off.
 */
export function writeRunBaseline(runDir: string, file: string, previous?: SnapshotSource): { kept: string[] } {
  const { repeat: _repeat, ...frame } = runFrame(runDir);
  const kept = previous ? Object.keys(previous.systems).filter((system) => !frame.systems[system]) : [];
  const systems = { ...frame.systems };
  for (const system of kept) systems[system] = previous!.systems[system];
  const lines = new LineFile(path.join(runDir, RUN_FILES.results));
  try {
    const index = indexResults(lines);
    // Results sorted by case in baseline order, each case's in file order: a case is a run of equal ids.
    const order = baselineOrder(index.ids);
    const caseOf = function* (): Generator<[string, SnapshotCase]> {
      for (let start = 0; start < order.length;) {
        let end = start + 1;
        while (end < order.length && index.ids.compare(order[start], order[end]) === 0) end += 1;
        const id = index.ids.get(order[start]);
        let kase: SnapshotCase | undefined;
        // Repeats in index order, a later duplicate after the first (as the snapshot builder keeps them).
        const repeats = new Map<SnapshotResult[], number[]>();
        for (let at = start; at < end; at++) {
          const r = order[at];
          const record = JSON.parse(lines.lineAt(index.offsets[r], index.lengths[r])) as ResultRecord;
          kase ??= { hash: record.caseHash, results: {} };
          const list = (kase.results[record.system] ??= []);
          const inOrder = repeats.get(list) ?? [];
          repeats.set(list, inOrder);
          const before = inOrder.findIndex((repeat) => repeat > record.repeat);
          const where = before === -1 ? list.length : before;
          list.splice(where, 0, snapshotResult(record));
          inOrder.splice(where, 0, record.repeat);
        }
        for (const system of kept) {
          const old = previous!.resultsOf(id, system);
          if (old) kase!.results[system] = old;
        }
        yield [id, kase!];
        start = end;
      }
    };
    writeBaselineStreamed(file, { ...frame, systems }, caseOf());
  } finally {
    lines.close();
  }
  return { kept };
}
