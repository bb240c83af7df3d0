import { LineFile } from '../store/file-lines.js';
import { StringNumbering } from '../text/string-numbering.js';
import { fit } from '../text/typed-arrays.js';
import { baselineOrder } from './baseline-order.js';
import { writeBaselineStreamed } from './baseline-text.js';
import type { BaselineSource, Snapshot, SnapshotCase } from './snapshot.js';

// A baseline.json in the layout evals writes, read without holding it: each case's id (UTF-8 bytes,
// numbered through 64-bit hashes) and where its line is, ~30 bytes a case; a comparison asking for
// a case reads its one line again. A million-case baseline is ~130 MB of JSON and, parsed whole,
// some 700 MB of objects.

const OPEN = /^[ \t]*\{[ \t]*$/;
const CASES_OPEN = /^[ \t]*"cases"[ \t]*:[ \t]*\{[ \t]*$/;
const CASES_EMPTY = /^[ \t]*"cases"[ \t]*:[ \t]*\{[ \t]*\}[ \t]*(,?)[ \t]*$/;
const CASES_CLOSE = /^[ \t]*\}[ \t]*(,?)[ \t]*$/;

/** One case line (`"id": {…}` with or without its comma) as its id and value; undefined when it is not exactly that. */
function parseCaseLine(text: string): [string, SnapshotCase] | undefined {
  const body = text.trimEnd();
  let parsed: Record<string, SnapshotCase>;
  try {
    parsed = JSON.parse(`{${body.endsWith(',') ? body.slice(0, -1) : body}}`) as Record<string, SnapshotCase>;
  } catch {
    return undefined;
  }
  const keys = Object.keys(parsed);
  return keys.length === 1 ? [keys[0], parsed[keys[0]]] : undefined;
}

/**
 * The baseline at `file` read through its lines, with its `format` (for the caller to check); undefined
 * when the file is not one case a line between `"cases": {` and `}` with the other keys after them
 * (a file reformatted by hand, a merge conflict, not JSON): the caller reads such a file whole.
 */
export function indexBaseline(file: string): { format: unknown; source: BaselineSource } | undefined {
  const lines = new LineFile(file);
  try {
    const indexed = indexLines(lines);
    if (!indexed) lines.close();
    return indexed;
  } catch (error) {
    lines.close();
    throw error;
  }
}

function indexLines(lines: LineFile): { format: unknown; source: BaselineSource } | undefined {
  const ids = new StringNumbering();
  let offsets = new Float64Array(0);
  let lengths = new Uint32Array(0);
  const tail: string[] = [];
  let state: 'start' | 'open' | 'cases' | 'tail' = 'start';
  let lastHadComma = false;
  for (const line of lines.lines()) {
    const { text } = line;
    if (state === 'start') {
      if (!OPEN.test(text)) return undefined;
      state = 'open';
    } else if (state === 'open') {
      const empty = CASES_EMPTY.exec(text);
      if (empty) {
        state = 'tail';
        lastHadComma = Boolean(empty[1]);
      } else if (CASES_OPEN.test(text)) state = 'cases';
      else return undefined;
    } else if (state === 'cases') {
      const close = CASES_CLOSE.exec(text);
      if (close) {
        if (ids.length && lastHadComma) return undefined;
        lastHadComma = Boolean(close[1]);
        state = 'tail';
        continue;
      }
      if (ids.length && !lastHadComma) return undefined;
      const parsed = parseCaseLine(text);
      if (!parsed || ids.get(parsed[0]) !== undefined) return undefined;
      const n = ids.add(parsed[0]);
      offsets = fit(offsets, n + 1, (size) => new Float64Array(size));
      lengths = fit(lengths, n + 1, (size) => new Uint32Array(size));
      offsets[n] = line.offset;
      lengths[n] = line.bytes;
      lastHadComma = text.trimEnd().endsWith(',');
    } else tail.push(text);
  }
  if (state !== 'tail') return undefined;
  // The keys after the cases (checks, format, runId, suite, systems): after `},` the rest with a `{`
  // before it is an object when the file is JSON; after `}` only the closing brace may follow.
  let frame: Record<string, unknown>;
  if (!lastHadComma) return undefined;
  try {
    frame = JSON.parse(`{${tail.join('\n')}`) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (!frame || typeof frame !== 'object' || Object.hasOwn(frame, 'cases')) return undefined;
  return { format: frame.format, source: sourceOfLines(lines, frame as unknown as Omit<Snapshot, 'cases'>, ids, offsets, lengths) };
}

function sourceOfLines(lines: LineFile, frame: Omit<Snapshot, 'cases'>, index: StringNumbering, caseOffsets: Float64Array, caseLengths: Uint32Array): BaselineSource {
  // Let go of on close (tens of MB at a million cases), so what runs after (writing the new baseline) has the room.
  let [ids, offsets, lengths] = [index, caseOffsets, caseLengths];
  let open = true;
  // The case read last: a comparison asks for one case's hash and each system's results in a row.
  let cachedAt = -1;
  let cached: SnapshotCase | undefined;
  const caseAt = (n: number): SnapshotCase => {
    if (n !== cachedAt) {
      cached = parseCaseLine(lines.lineAt(offsets[n], lengths[n]))?.[1];
      cachedAt = n;
    }
    return cached!;
  };
  const numberOf = (id: string) => ids.get(id);
  return {
    suite: frame.suite,
    runId: frame.runId,
    checks: frame.checks,
    systems: frame.systems,
    caseCount: ids.length,
    *caseIds() {
      for (let n = 0; n < ids.length; n++) yield ids.strings.get(n);
    },
    numberOf,
    hasCase: (id) => numberOf(id) !== undefined,
    hashOf(id) {
      const n = numberOf(id);
      return n === undefined ? undefined : caseAt(n).hash;
    },
    resultsOf(id, system) {
      const n = numberOf(id);
      return n === undefined ? undefined : caseAt(n).results[system];
    },
    copyTo(file) {
      const order = baselineOrder(ids.strings);
      writeBaselineStreamed(
        file,
        frame,
        (function* () {
          for (const n of order) yield [ids.strings.get(n), caseAt(n)] as [string, SnapshotCase];
        })(),
      );
    },
    close() {
      if (!open) return;
      open = false;
      lines.close();
      [ids, offsets, lengths] = [new StringNumbering(), new Float64Array(0), new Uint32Array(0)];
    },
  };
}
