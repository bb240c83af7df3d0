import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { readCsv } from '../dataset/csv.js';
import { readJsonl } from '../dataset/jsonl.js';
import { problemAt, type RawTable } from '../dataset/raw-table.js';
import { decodeText } from '../dataset/text-file.js';
import { ConfigurationError, type Problem } from '../errors.js';
import { humanJudgeName, type JudgmentRecord, type Winner } from './types.js';

// Judgments made elsewhere (a labelling tool, a spreadsheet, Chatbot Arena exports) for
// `evals winrate`: one row per judgment with a case id, the two systems, and a winner or a
// preference in [0, 1]. Column names are matched loosely; values are not: a bad cell is an
// error naming file, row and column, never a silently dropped row.

const COLUMNS = {
  caseId: ['case_id', 'caseid', 'case', 'id'],
  a: ['a', 'system_a', 'model_a'],
  b: ['b', 'system_b', 'model_b'],
  winner: ['winner', 'verdict'],
  preference: ['preference'],
  judge: ['judge'],
  rater: ['rater', 'annotator'],
  repeat: ['repeat'],
  error: ['error'],
  consistent: ['consistent'],
  strength: ['strength'],
} as const;

const TIE = new Set(['tie', 'draw', 'equal', 'tie (bothbad)', 'both_bad', 'both bad']);

function columnIndex(table: RawTable, names: readonly string[]): number | undefined {
  const header = table.header.map((h) => h.trim().toLowerCase());
  for (const name of names) {
    const index = header.indexOf(name);
    if (index !== -1) return index;
  }
  return undefined;
}

function parseWinner(value: string, a: string, b: string): Winner | undefined {
  const text = value.trim();
  const lower = text.toLowerCase();
  if (lower === 'a' || lower === 'model_a' || lower === 'system_a') return 'a';
  if (lower === 'b' || lower === 'model_b' || lower === 'system_b') return 'b';
  if (TIE.has(lower)) return 'tie';
  if (text === a) return 'a';
  if (text === b) return 'b';
  return undefined;
}

function readTable(text: string, file: string): RawTable {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.jsonl' || ext === '.ndjson') return readJsonl(text, file);
  if (ext === '.csv' || ext === '.tsv' || ext === '.txt') return readCsv(text, file);
  throw new ConfigurationError([{ file, message: 'judgments must be a .csv or .jsonl file' }]);
}

/**
 * Judgments from a CSV or JSONL file, as records `summarizeJudgments` reads. Use for
 * `evals winrate`. Throws ConfigurationError listing every bad row (file, row, column).
 */
export async function importJudgments(file: string, cwd: string): Promise<JudgmentRecord[]> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path.resolve(cwd, file));
  } catch {
    throw new ConfigurationError([{ file, message: 'file not found' }]);
  }
  return parseJudgmentsTable(readTable(decodeText(bytes, file), file));
}

/** The judgments in an already-read table; see importJudgments. */
function parseJudgmentsTable(table: RawTable): JudgmentRecord[] {
  const { caseCol, aCol, bCol, winnerCol, preferenceCol, judgeCol, raterCol, repeatCol, errorCol, consistentCol, strengthCol } = locateColumns(table);
  const problems: Problem[] = [];
  const records: JudgmentRecord[] = [];
  const seen = new Map<string, number>();
  const at = new Date().toISOString();
  for (const { row, cells } of table.rows) {
    const cell = (index: number | undefined) => (index === undefined ? '' : (cells[index] ?? '').trim());
    const bad = (index: number | undefined, message: string) => problems.push(problemAt(table, row, index, message));
    // A judge error recorded by `evals judge` (its own judgments.jsonl) is not a judgment.
    if (cell(errorCol) !== '') continue;
    const [caseId, a, b] = [cell(caseCol), cell(aCol), cell(bCol)];
    if (!caseId) bad(caseCol, 'the case id is empty');
    if (!a) bad(aCol, 'the system name is empty');
    if (!b) bad(bCol, 'the system name is empty');
    if (a && a === b) bad(bCol, `compares "${a}" with itself`);
    const { winner, preference } = readVerdict(cell, { winnerCol, preferenceCol }, a, b, bad);
    if (!winner || !caseId || !a || !b || a === b) continue;
    const rater = cell(raterCol);
    const judge = rater ? humanJudgeName(rater) : cell(judgeCol) || 'imported';
    // Several rows for one case and judge are repeats, all counted: number them so none replaces
    // another, unless the file numbers them itself (judgments.jsonl written by `evals judge`).
    const key = [judge, a, b, caseId].join('\u0000');
    const given = Number(cell(repeatCol));
    const repeat = cell(repeatCol) !== '' && Number.isInteger(given) && given >= 0 ? given : (seen.get(key) ?? 0);
    seen.set(key, repeat + 1);
    const consistent = cell(consistentCol).toLowerCase();
    const strength = cell(strengthCol).toLowerCase();
    records.push({
      caseId,
      repeat,
      a,
      b,
      judge,
      winner,
      ...(preference !== undefined ? { preference } : {}),
      ...(consistent === 'true' || consistent === 'false' ? { consistent: consistent === 'true' } : {}),
      ...(strength === 'much better' || strength === 'better' ? { strength } : {}),
      at,
    });
  }
  if (problems.length) throw new ConfigurationError(problems);
  return records;
}

/** Where each column is; throws, before any row is read, when a needed one is missing. */
function locateColumns(table: RawTable) {
  const problems: Problem[] = [...table.problems];
  const need = (key: keyof typeof COLUMNS, what: string) => {
    const index = columnIndex(table, COLUMNS[key]);
    if (index === undefined) problems.push({ file: table.file, message: `no ${what} column (expected ${COLUMNS[key].join(', ')})` });
    return index;
  };
  const caseCol = need('caseId', 'case id');
  const aCol = need('a', 'system A');
  const bCol = need('b', 'system B');
  const winnerCol = columnIndex(table, COLUMNS.winner);
  const preferenceCol = columnIndex(table, COLUMNS.preference);
  const judgeCol = columnIndex(table, COLUMNS.judge);
  const raterCol = columnIndex(table, COLUMNS.rater);
  const repeatCol = columnIndex(table, COLUMNS.repeat);
  const errorCol = columnIndex(table, COLUMNS.error);
  const consistentCol = columnIndex(table, COLUMNS.consistent);
  const strengthCol = columnIndex(table, COLUMNS.strength);
  if (winnerCol === undefined && preferenceCol === undefined) problems.push({ file: table.file, message: 'no winner or preference column' });
  if (problems.length) throw new ConfigurationError(problems);
  return { caseCol, aCol, bCol, winnerCol, preferenceCol, judgeCol, raterCol, repeatCol, errorCol, consistentCol, strengthCol };
}

/** A row's winner, from its preference (0 to 1, which wins over a winner cell) or its winner cell; undefined after a `bad` row. */
function readVerdict(
  cell: (index: number | undefined) => string,
  { winnerCol, preferenceCol }: { winnerCol?: number; preferenceCol?: number },
  a: string,
  b: string,
  bad: (index: number | undefined, message: string) => void,
): { winner?: Winner; preference?: number } {
  const rawPreference = cell(preferenceCol);
  const rawWinner = cell(winnerCol);
  let winner: Winner | undefined;
  let preference: number | undefined;
  if (rawPreference !== '') {
    preference = Number(rawPreference);
    if (!(preference >= 0 && preference <= 1)) bad(preferenceCol, `"${rawPreference}" is not a number from 0 to 1`);
    else winner = preference > 0.5 ? 'a' : preference < 0.5 ? 'b' : 'tie';
  } else if (rawWinner !== '') {
    winner = parseWinner(rawWinner, a, b);
    if (!winner) bad(winnerCol, `"${rawWinner}" is not a, b, tie, "${a}" or "${b}"`);
  } else {
    bad(winnerCol ?? preferenceCol, 'no winner or preference');
  }
  return { winner, preference };
}
