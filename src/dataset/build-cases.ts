import type { Problem } from '../errors.js';
import type { Case } from '../types.js';
import { CompactStringMap } from '../text/compact-string-map.js';
import { contentHash, deriveCaseId } from './case-id.js';
import { parseConversation } from './conversation.js';
import { readHeader, type Columns } from './header.js';
import { LABEL_HELP, parseLabel } from './labels.js';
import { problemAt, type RawRow, type RawTable } from './raw-table.js';
import { NOW_HELP, TIMEZONE_HELP, isTimeZone, normalizeDateTime } from './time.js';
import { skippedWallClock } from './local-time.js';

export interface BuildOptions {
  labelColumns?: string[];
  requiredColumns?: string[];
  now?: string;
  timezone?: string;
  /**
   * A look at every case of the first pass (the one that finds the table's problems), so a caller that
   * checks each case (the suite loader's lint) does not read and build the table once more. Given the
   * header's columns and the table's name once they are known; what it returns is then called with each
   * case built, in row order. Its findings are the caller's to keep or drop: when the table has problems,
   * some of its rows were not built. The cases it sees have no content hash yet: none is computed in
   * that pass.
   */
  inspectCases?: (header: { columns: string[]; source: string }) => ((kase: UnhashedCase) => void) | undefined;
}

/** A case as the first pass builds it: everything but its content hash. */
export type UnhashedCase = Omit<Case, 'contentHash'>;

/**
 * A dataset's cases, readable more than once. Not an array: a million Case objects cost ~500 MB, so
 * each pass builds them again from the rows (an array is one too, for callers that have one).
 */
export interface CaseList extends Iterable<Case> {
  readonly length: number;
  /**
   * The same cases with `contentHash` computed by `hash` from their columns instead of over every
   * column: a run hashes only its question's columns, and so each case is hashed once, not twice.
   * An array has none: its caller sets the hash itself.
   */
  hashedBy?(hash: (columns: Record<string, string>) => string): Iterable<Case>;
}

export interface BuiltCases {
  columns: string[];
  cases: CaseList;
  /** Every problem in the table, the reader's included, in row order. */
  problems: Problem[];
  /** Slips the cases were read despite (a near-miss role label), in row order. */
  warnings: Problem[];
}

/**
 * Turn a reader's raw rows into cases, collecting every problem instead of stopping at the first.
 * Use for all dataset formats, so CSV, XLSX and JSONL follow the same rules.
 */
export function buildCases(table: RawTable, options: BuildOptions = {}): BuiltCases {
  const labelColumns = options.labelColumns ?? [];
  const header = readHeader(table, ['input', ...(options.requiredColumns ?? []), ...labelColumns]);
  const problems = [...table.problems, ...header.problems];
  const warnings: Problem[] = [];
  let count = 0;
  // A 64-bit hash per id, not a Map of strings: a million ids stay ~25 MB (see compact-string-map.ts).
  const firstRowOfId = new CompactStringMap(table.sizeHint);
  const inspect = header.problems.length === 0 ? options.inspectCases?.({ columns: header.names, source: table.source }) : undefined;
  for (const raw of table.rows) {
    if (raw.cells.every((cell) => cell.trim() === '')) continue;
    // No content hash here: nothing of this pass reads it, and the passes that yield cases compute it.
    const built = buildCase(table, header, raw, options, labelColumns, undefined);
    problems.push(...built.problems);
    warnings.push(...built.warnings);
    if (!built.case) continue;
    inspect?.(built.case);
    const earlier = firstRowOfId.addIfAbsent(built.case.id, raw.row);
    if (earlier === undefined) count += 1;
    else problems.push(duplicateProblem(table, header, raw.row, earlier, built.case.id, built.explicitId));
  }
  if (count === 0 && problems.length === 0) {
    problems.push({ file: table.file, message: 'has no cases (add rows under the header)' });
  }
  // Read only when there were no problems (the loader throws otherwise), so every row builds a case
  // and no id repeats: the passes agree with the count without remembering which rows were kept.
  const casesHashedBy = function* (hash: (columns: Record<string, string>) => string) {
    for (const raw of table.rows) {
      if (raw.cells.every((cell) => cell.trim() === '')) continue;
      const built = buildCase(table, header, raw, options, labelColumns, hash);
      if (built.case) yield built.case;
    }
  };
  const cases: CaseList = {
    length: count,
    [Symbol.iterator]: () => casesHashedBy(contentHash),
    hashedBy: casesHashedBy,
  };
  return { columns: header.names, cases, problems: sortByRow(problems), warnings };
}

/** A row's case, its problems and warnings; its content hash by `hash`, or left empty without one. */
function buildCase(
  table: RawTable,
  header: Columns,
  raw: RawRow,
  options: BuildOptions,
  labelColumns: string[],
  hash: ((columns: Record<string, string>) => string) | undefined,
): { case?: Case; explicitId: boolean; problems: Problem[]; warnings: Problem[] } {
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const at = (name: string, message: string) => problems.push(problemAt(table, raw.row, header.index.get(name), message));
  const columns: Record<string, string> = {};
  for (const name of header.names) columns[name] = (raw.cells[header.index.get(name) ?? -1] ?? '').trim();

  let messages: Case['messages'] = [];
  if (header.index.has('input')) {
    const parsed = parseConversation(columns.input);
    if ('error' in parsed) at('input', parsed.error);
    else {
      messages = parsed.messages;
      for (const warning of parsed.warnings ?? []) warnings.push(problemAt(table, raw.row, header.index.get('input'), warning));
    }
  }
  for (const name of labelColumns) {
    const value = columns[name];
    if (value !== undefined && value !== '' && parseLabel(value) === undefined) at(name, `${JSON.stringify(value)} ${LABEL_HELP}`);
  }
  // An id is printed on one line in terminals, CI logs and reports: a line break or control character in
  // it could forge a line (a CI workflow command) or an escape sequence, and reads as two cases.
  if (columns.id && ID_UNSAFE.test(columns.id)) at('id', `${JSON.stringify(columns.id)} has a line break or control character; an id must be one line of plain text`);
  // Only a JSONL sheet's escape ("\ud800") or a UTF-16 file can make one. Written to a UTF-8 file (reports,
  // results.csv, junit.xml) half a character becomes U+FFFD, so two such ids would read as one case.
  else if (columns.id && LONE_SURROGATE.test(columns.id)) at('id', `${JSON.stringify(columns.id)} holds half of a character (an unpaired UTF-16 surrogate); an id must be text a UTF-8 file can hold`);
  let now = options.now;
  if (columns.now) {
    now = normalizeDateTime(columns.now);
    if (!now) at('now', `${JSON.stringify(columns.now)} ${NOW_HELP}`);
  }
  let timezone = options.timezone;
  if (columns.timezone) {
    timezone = columns.timezone;
    if (!isTimeZone(timezone)) at('timezone', `${JSON.stringify(timezone)} ${TIMEZONE_HELP}`);
  }
  // A now and time zone both from the suite file were checked there; one from this row is checked here.
  if ((columns.now || columns.timezone) && now && timezone && isTimeZone(timezone)) {
    const skipped = skippedWallClock(now, timezone);
    if (skipped) at(columns.now ? 'now' : 'timezone', skipped);
  }
  if (problems.length > 0 || !header.index.has('input')) return { explicitId: false, problems, warnings };

  const explicitId = Boolean(columns.id);
  const kase: Case = {
    id: columns.id || deriveCaseId(columns.input, columns.now ? now : undefined),
    file: table.source,
    row: raw.row,
    messages,
    columns,
    tags: splitTags(columns.tags ?? ''),
    contentHash: hash ? hash(columns) : '',
  };
  if (now !== undefined) kase.now = now;
  if (timezone !== undefined) kase.timezone = timezone;
  return { case: kase, explicitId, problems, warnings };
}

// C0/C1 controls, DEL, line/paragraph separators, bidi controls.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const ID_UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

function splitTags(text: string): string[] {
  return [...new Set(text.split(/[,\s]+/).filter(Boolean))];
}

function duplicateProblem(table: RawTable, header: Columns, row: number, earlier: number, id: string, explicit: boolean): Problem {
  if (explicit) {
    return problemAt(table, row, header.index.get('id'), `id ${JSON.stringify(id)} is used by rows ${earlier} and ${row}; ids must be unique`);
  }
  return problemAt(table, row, header.index.get('input'), `rows ${earlier} and ${row} have the same input, so both get id "${id}"; add an "id" column or make the inputs differ`);
}

function sortByRow(problems: Problem[]): Problem[] {
  return problems
    .map((problem, order) => ({ problem, order }))
    .sort((a, b) => (a.problem.row ?? 0) - (b.problem.row ?? 0) || a.order - b.order)
    .map(({ problem }) => problem);
}
