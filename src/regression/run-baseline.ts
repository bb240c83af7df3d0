import path from 'node:path';
import { ConfigurationError } from '../errors.js';
import { LineFile, type FileLine } from '../store/file-lines.js';
import { RUN_FILES } from '../store/run-dir.js';
import { StringNumbering } from '../text/string-numbering.js';
import { fit } from '../text/typed-arrays.js';
import type { ResultRecord } from '../types.js';
import { baselineOrder } from './baseline-order.js';
import { writeBaselineStreamed } from './baseline-text.js';
import { runFrame } from './run-frame.js';
import { snapshotResult, type SnapshotCase, type SnapshotResult, type SnapshotSource } from './snapshot.js';

// A stored run written as a baseline (--update-baseline, a run's compared-with.json) without
// holding its snapshot: results.jsonl is in the order answers finished, a baseline in case order,
// so a first pass notes each result's line and case (~20 bytes a result, ids as UTF-8 bytes), the
// cases are sorted, and each case's lines are read again as its line of the baseline is written.
// The same bytes as serializeBaseline(snapshot of the run) (tests/regression/run-baseline.test.ts).

/** Where each result's line is and which case it belongs to, in file order. */
interface ResultLines {
  ids: StringNumbering;
  caseOf: Uint32Array;
  offsets: Float64Array;
  lengths: Uint32Array;
  count: number;
}

/** results.jsonl read as readJsonLines reads it: blank lines skipped, a torn last line dropped, a bad line elsewhere an error. */
function indexResults(lines: LineFile): ResultLines {
  const ids = new StringNumbering();
  let caseOf = new Uint32Array(0);
  let offsets = new Float64Array(0);
  let lengths = new Uint32Array(0);
  let count = 0;
  const add = (line: FileLine, record: ResultRecord) => {
    caseOf = fit(caseOf, count + 1, (n) => new Uint32Array(n));
    offsets = fit(offsets, count + 1, (n) => new Float64Array(n));
    lengths = fit(lengths, count + 1, (n) => new Uint32Array(n));
    caseOf[count] = ids.add(record.caseId);
    offsets[count] = line.offset;
    lengths[count] = line.bytes;
    count += 1;
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
  return { ids, caseOf, offsets, lengths, count };
}

function parseResult(text: string, file: string, row: number): ResultRecord {
  try {
    return JSON.parse(text) as ResultRecord;
  } catch {
    throw new ConfigurationError([{ file, row, message: 'not valid JSON (the file is corrupted)' }]);
  }
}

/** Each case's results in file order: result numbers grouped by case (a counting sort). */
function groupByCase(index: ResultLines): { starts: Uint32Array; results: Uint32Array } {
  const starts = new Uint32Array(index.ids.length + 1);
  for (let r = 0; r < index.count; r++) starts[index.caseOf[r] + 1] += 1;
  for (let c = 0; c < index.ids.length; c++) starts[c + 1] += starts[c];
  const next = starts.slice(0, index.ids.length);
  const results = new Uint32Array(index.count);
  for (let r = 0; r < index.count; r++) results[next[index.caseOf[r]]++] = r;
  return { starts, results };
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
    const { starts, results } = groupByCase(index);
    const order = baselineOrder(index.ids.strings);
    const caseOf = function* (): Generator<[string, SnapshotCase]> {
      for (const c of order) {
        const id = index.ids.strings.get(c);
        let kase: SnapshotCase | undefined;
        // Repeats in index order, a later duplicate after the first (as the snapshot builder keeps them).
        const repeats = new Map<SnapshotResult[], number[]>();
        for (let at = starts[c]; at < starts[c + 1]; at++) {
          const r = results[at];
          const record = JSON.parse(lines.lineAt(index.offsets[r], index.lengths[r])) as ResultRecord;
          kase ??= { hash: record.caseHash, results: {} };
          const list = (kase.results[record.system] ??= []);
          const order = repeats.get(list) ?? [];
          repeats.set(list, order);
          const before = order.findIndex((repeat) => repeat > record.repeat);
          const where = before === -1 ? list.length : before;
          list.splice(where, 0, snapshotResult(record));
          order.splice(where, 0, record.repeat);
        }
        for (const system of kept) {
          const old = previous!.resultsOf(id, system);
          if (old) kase!.results[system] = old;
        }
        yield [id, kase!];
      }
    };
    writeBaselineStreamed(file, { ...frame, systems }, caseOf());
  } finally {
    lines.close();
  }
  return { kept };
}
