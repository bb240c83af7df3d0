import { existsSync, renameSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import { readCsv } from '../dataset/csv.js';
import { decodeText, normalizeNewlines } from '../dataset/text-file.js';
import { readXlsx } from '../dataset/xlsx.js';
import { ConfigurationError } from '../errors.js';
import { neutralizeCell } from '../report/spreadsheet-cell.js';
import { writeFileAtomic } from '../store/run-dir.js';
import type { OutputTarget } from './output-target.js';

// The new rows, written whole each time (after every batch of answers, so an interruption leaves a
// usable file): a CSV, or one tab of a workbook whose other tabs are kept. Cells that look like
// formulas are shown as text, as in every spreadsheet evals writes.

/** Excel reads a CSV as the machine's legacy code page unless it starts with a byte order mark. */
const BOM = '\uFEFF';

function writeCsv(target: OutputTarget, columns: string[], rows: Array<Record<string, string>>): void {
  const table = [columns, ...rows.map((row) => columns.map((column) => neutralizeCell(row[column] ?? '')))];
  writeFileAtomic(target.absolute, BOM + Papa.unparse(table, { quotes: true, newline: '\r\n' }) + '\r\n');
}

async function writeXlsxTab(target: OutputTarget, columns: string[], rows: Array<Record<string, string>>): Promise<void> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  if (existsSync(target.absolute)) await workbook.xlsx.readFile(target.absolute);
  const wanted = target.sheet!.toLowerCase();
  const existing = workbook.worksheets.find((sheet) => sheet.name.trim().toLowerCase() === wanted);
  if (existing) {
    const first = workbook.worksheets.find((sheet) => sheet.state === 'visible') ?? workbook.worksheets[0];
    if (target.protectFirstTab && existing === first) {
      throw new ConfigurationError([{ file: target.shown, message: `tab "${existing.name}" is the suite's own sheet (its first tab); synth never writes into it: name a new tab` }]);
    }
    workbook.removeWorksheet(existing.id);
  }
  const sheet = workbook.addWorksheet(target.sheet!, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(columns).font = { bold: true };
  // Always plain strings: a proposal that starts with "=" is text, never a formula.
  for (const row of rows) sheet.addRow(columns.map((column) => neutralizeCell(row[column] ?? '')));
  const temporary = `${target.absolute}.${process.pid}.tmp`;
  await workbook.xlsx.writeFile(temporary);
  renameSync(temporary, target.absolute);
}

export async function writeRows(target: OutputTarget, columns: string[], rows: Array<Record<string, string>>): Promise<void> {
  if (target.format === 'csv') writeCsv(target, columns, rows);
  else await writeXlsxTab(target, columns, rows);
}

/**
 * Whether a file or tab already at `--out` may be replaced: only when it is this command's own (its
 * progress journal exists). Anything else is someone's work and is never overwritten.
 */
export async function checkNotSomeoneElses(target: OutputTarget): Promise<void> {
  if (!existsSync(target.absolute) || existsSync(target.progress)) return;
  if (target.format === 'csv') {
    throw new ConfigurationError([{ file: target.shown, message: 'already exists and was not written by synth (no progress file beside it): name a new file, or delete it first' }]);
  }
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(target.absolute);
  if (workbook.worksheets.some((sheet) => sheet.name.trim().toLowerCase() === target.sheet!.toLowerCase())) {
    throw new ConfigurationError([{ file: target.shown, message: `tab "${target.sheet}" already exists and was not written by synth (no progress file beside it): name a new tab` }]);
  }
}

/** A cell as the dataset readers will give it back: neutralized as written, line endings as `\n`. */
function asReadBack(value: string): string {
  return normalizeNewlines(neutralizeCell(value));
}

/**
 * On a rerun, the output must still be what synth wrote: every row in it one of the rows kept so far
 * (a row not yet written, because the run stopped between the journal and the file, is fine). A row
 * changed by hand means a PM has started reviewing in place, and rewriting the file would lose that.
 */
export async function checkUnedited(target: OutputTarget, columns: string[], kept: Array<Record<string, string>>): Promise<void> {
  if (!existsSync(target.absolute)) return;
  let table;
  try {
    const bytes = await readFile(target.absolute);
    table = target.format === 'csv' ? readCsv(decodeText(bytes, target.shown), target.shown) : await readXlsx(bytes, target.shown, target.sheet);
  } catch (error) {
    // A workbook without the tab yet (it was never written): nothing to keep.
    if (error instanceof ConfigurationError) return;
    throw error;
  }
  const expected = new Set(kept.map((row) => JSON.stringify(columns.map((column) => asReadBack(row[column] ?? '')))));
  const header = table.header.map((name) => name.trim());
  const rows = [...table.rows].filter((row) => row.cells.some((cell) => cell.trim() !== ''));
  const edited = JSON.stringify(header) !== JSON.stringify(columns) ? 1 : rows.findIndex((row) => !expected.has(JSON.stringify(row.cells.map(normalizeNewlines))));
  if (edited !== -1) {
    const where = JSON.stringify(header) !== JSON.stringify(columns) ? 'its header' : `row ${rows[edited].row}`;
    throw new ConfigurationError([
      {
        file: target.shown,
        message: `was changed since synth wrote it (${where}); continuing would overwrite your edits: move the reviewed rows to another file, or delete this one (synth writes it again from its progress file)`,
      },
    ]);
  }
}
