import type { Problem } from '../errors.js';
import { cellName, rowName } from './cell-ref.js';

// What every reader (CSV, XLSX, JSONL) produces: text cells by position, so the rules about
// ids, inputs, labels and times live once, in build-cases.ts.

export interface RawRow {
  /** Spreadsheet row (header = 1) or JSONL line number. */
  row: number;
  /** Cell texts by column position, line endings already `\n`. */
  cells: string[];
}

export interface RawTable {
  format: 'csv' | 'xlsx' | 'jsonl';
  /** Path as the user wrote it, for problems. */
  file: string;
  /** What each Case.file says: the path, plus `#sheet` for a workbook. */
  source: string;
  /** Column names by position, as found (not yet trimmed). JSONL: every key seen, in order of first use. */
  header: string[];
  /** Every row with a cell, in order, readable more than once; a CSV's are parsed again on each pass (see csv.ts). */
  rows: Iterable<RawRow>;
  /** How many rows `rows` holds at most, when the reader knows before a pass (tables are sized by it). */
  sizeHint?: number;
  /** Problems the reader found itself (ragged rows, bad JSON lines). */
  problems: Problem[];
  /** XLSX tab, so problems can name cells as `tab!C14`. */
  sheet?: string;
}

/** A Problem located in `table`; `column` is a 0-based position, and XLSX problems also get a cell name. */
export function problemAt(table: RawTable, row: number | undefined, column: number | undefined, message: string): Problem {
  const problem: Problem = { file: table.file, message };
  if (row !== undefined) problem.row = row;
  if (column !== undefined) {
    const name = table.header[column]?.trim();
    if (name) problem.column = name;
  }
  if (table.sheet !== undefined && row !== undefined) {
    problem.cell = column === undefined ? rowName(table.sheet, row) : cellName(table.sheet, column, row);
  }
  return problem;
}
