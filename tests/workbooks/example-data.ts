import { readFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';

// The data every export is made from: the canvas-trigger cases as they were shipped when the
// workbooks were exported (tests/fixtures/workbooks/canvas-trigger-as-exported.csv, a frozen copy:
// the example sheet has gained columns and rows since, and the real programs cannot be rerun here)
// plus the rows that trip spreadsheet apps up (tests/fixtures/workbooks/tricky-rows.csv), as the
// text a PM sees in each cell.
// Shared by the tests and by the fixture generator (scripts/workbooks), which runs compiled from
// another folder: hence the repository root as an argument.

/** Sheet name, and so the CSV's base name: LibreOffice names the tab after the file it imports. */
export const SHEET = 'canvas-trigger';

function parse(file: string): string[][] {
  return Papa.parse<string[]>(readFileSync(file, 'utf8'), { skipEmptyLines: true }).data;
}

/**
 * Header, the 54 shipped cases, the tricky rows, then one empty trailing row (spreadsheets leave
 * one behind after a deleted case). Every cell is the text as displayed.
 */
export function exampleRows(root: string): string[][] {
  const shipped = parse(path.join(root, 'tests', 'fixtures', 'workbooks', 'canvas-trigger-as-exported.csv'));
  const tricky = parse(path.join(root, 'tests', 'fixtures', 'workbooks', 'tricky-rows.csv'));
  const header = tricky[0];
  const pad = (row: string[]) => [...row, ...Array<string>(header.length - row.length).fill('')];
  return [header, ...shipped.slice(1).map(pad), ...tricky.slice(1), header.map(() => '')];
}

/** The 1-based spreadsheet row holding case `id` (the header is row 1). */
export function rowOf(rows: string[][], id: string): number {
  const index = rows.findIndex((row) => row[0] === id);
  if (index < 0) throw new Error(`no row with id ${id}`);
  return index + 1;
}

/** The case whose label the "bad label" fixtures break, and what it becomes. */
export const BAD_LABEL = { id: 'ct-anniversary-poem', column: 'should_trigger', value: 'yess' } as const;

/** `rows` with BAD_LABEL's cell misspelt, as a PM's typo would leave it. */
export function withBadLabel(rows: string[][]): string[][] {
  const broken = rows.map((row) => [...row]);
  broken[rowOf(broken, BAD_LABEL.id) - 1][broken[0].indexOf(BAD_LABEL.column)] = BAD_LABEL.value;
  return broken;
}

function quote(cell: string): string {
  return /[",\r\n]|^\s|\s$/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** The rows as Excel's "CSV UTF-8" writes them: a BOM, CRLF everywhere (inside quoted cells too). */
export function toExcelCsv(rows: string[][]): string {
  const lines = rows.map((row) => row.map((cell) => quote(cell.replace(/\n/g, '\r\n'))).join(','));
  return `\ufeff${lines.join('\r\n')}\r\n`;
}
