import { readFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import { ConfigurationError } from '../errors.js';
import { detectDelimiter } from '../dataset/csv.js';
import { cellValue, csvCellSpans, encodeCell } from '../dataset/csv-spans.js';
import { loadDataset } from '../dataset/load.js';
import { formatRecordedOutput } from '../providers/format-recorded.js';
import { parseRecordedOutput } from '../providers/recorded-output.js';
import { writeFileAtomic } from '../store/run-dir.js';
import type { ChampionEntry } from '../store/champion-file.js';
import type { Promotion } from './promote.js';

// `evals promote --write-sheet`: the sheet follows the product. The champion's outputs go into the
// dataset's `current_behavior` column in the form a PM types (`→ canvas(type: document)` lines, then
// the text), so the next round of cases starts from what the product does now. Only those cells
// change: a CSV is edited in place (every other byte as it was: BOM, delimiter, line endings,
// quoting); in a workbook only those cells' values are set. A cell that already reads as the
// champion's output is left exactly as the PM wrote it.

const COLUMN = 'current_behavior';

export interface SheetWrite {
  /** The dataset file, relative to the project (with `#tab` for a workbook). */
  file: string;
  column: string;
  changed: number;
  /** Cells that already held the champion's output. */
  unchanged: number;
  /** Champion cases no longer in the sheet. */
  missing: string[];
}

/** `datasets/x.xlsx#tab` → the file and the tab. */
function splitDataset(dataset: string): { file: string; sheet?: string } {
  const hash = dataset.lastIndexOf('#');
  return hash > 0 && /\.xlsx$/i.test(dataset.slice(0, hash)) ? { file: dataset.slice(0, hash), sheet: dataset.slice(hash + 1) } : { file: dataset };
}

/** Sheet row → the cell text to write, for each champion case still in the sheet (repeat 0's output). */
async function plannedCells(promotion: Promotion, cwd: string, file: string, sheet: string | undefined): Promise<{ cells: Map<number, string>; missing: string[] }> {
  const dataset = await loadDataset(file, { baseDir: cwd, sheet });
  if (!dataset.columns.includes(COLUMN)) {
    throw new ConfigurationError([
      { file: dataset.file, message: `--write-sheet writes the champion into column "${COLUMN}", and the sheet has none; add the column (empty is fine), then promote again` },
    ]);
  }
  const rowOf = new Map<string, number>();
  for (const kase of dataset.cases) rowOf.set(kase.id, kase.row);
  const first = new Map<string, ChampionEntry>();
  for (const entry of promotion.champion.entries) if (!first.has(entry.case) || entry.repeat < first.get(entry.case)!.repeat) first.set(entry.case, entry);
  const cells = new Map<number, string>();
  const missing: string[] = [];
  for (const [id, entry] of first) {
    const row = rowOf.get(id);
    if (row === undefined) missing.push(id);
    else cells.set(row, formatRecordedOutput(entry));
  }
  return { cells, missing };
}

/** The cell already says the same output, however it was typed. */
function sameOutput(cell: string, written: string): boolean {
  const [before, after] = [parseRecordedOutput(cell), parseRecordedOutput(written)];
  return before.text === after.text && JSON.stringify(before.toolCalls) === JSON.stringify(after.toolCalls);
}

export async function writeChampionToSheet(promotion: Promotion, cwd: string): Promise<SheetWrite> {
  const { file, sheet } = splitDataset(promotion.meta.dataset);
  const { cells, missing } = await plannedCells(promotion, cwd, file, sheet);
  const absolute = path.resolve(cwd, file);
  const counts = /\.xlsx$/i.test(file) ? await writeXlsx(absolute, sheet, cells) : writeCsv(absolute, file, cells);
  return { file: promotion.meta.dataset, column: COLUMN, ...counts, missing };
}

function writeCsv(absolute: string, file: string, cells: Map<number, string>): { changed: number; unchanged: number } {
  const bytes = readFileSync(absolute);
  let text: string;
  try {
    // ignoreBOM keeps the byte-order mark in the text, so it is written back as it was.
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new ConfigurationError([{ file, message: '--write-sheet writes UTF-8 sheets only; save the sheet as "CSV UTF-8", then promote again' }]);
  }
  if (!/\.(csv|tsv|txt)$/i.test(file)) throw new ConfigurationError([{ file, message: '--write-sheet writes .csv, .tsv and .xlsx datasets' }]);
  const delimiter = detectDelimiter(text.replace(/^\uFEFF/, ''), /\.(tsv|txt)$/i.test(file) ? '\t' : undefined);
  const records = csvCellSpans(text, delimiter);
  const column = (records[0] ?? []).findIndex((span) => cellValue(text, span).trim() === COLUMN);
  // Replaced from the end of the file backwards, so the spans still to replace keep their offsets.
  const edits: { start: number; end: number; value: string }[] = [];
  let unchanged = 0;
  for (const [row, value] of cells) {
    const span = records[row - 1]?.[column];
    if (!span) continue;
    if (sameOutput(cellValue(text, span), value)) unchanged += 1;
    else edits.push({ start: span.start, end: span.end, value: encodeCell(value, delimiter, span.quoted) });
  }
  let out = text;
  for (const edit of edits.sort((x, y) => y.start - x.start)) out = out.slice(0, edit.start) + edit.value + out.slice(edit.end);
  if (edits.length) writeFileAtomic(absolute, out);
  return { changed: edits.length, unchanged };
}

async function writeXlsx(absolute: string, sheetName: string | undefined, cells: Map<number, string>): Promise<{ changed: number; unchanged: number }> {
  const { default: ExcelJS } = await import('exceljs');
  const { cellText } = await import('../dataset/xlsx-cell.js');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(absolute);
  const wanted = sheetName?.trim().toLowerCase();
  const sheet = workbook.worksheets.find((s) => (wanted === undefined ? s.state === 'visible' : s.name.trim().toLowerCase() === wanted)) ?? workbook.worksheets[0];
  let column = 0;
  sheet.getRow(1).eachCell((cell, index) => {
    if (!column && cellText(cell).text.trim() === COLUMN) column = index;
  });
  let changed = 0;
  let unchanged = 0;
  for (const [row, value] of cells) {
    const cell = sheet.getRow(row).getCell(column);
    if (sameOutput(cellText(cell).text, value)) unchanged += 1;
    else {
      // Always a plain string: an output that starts with "=" is text, never a formula.
      cell.value = value;
      changed += 1;
    }
  }
  if (changed) {
    // Through a temporary file and a rename, as every file evals writes: a crash never leaves half a workbook.
    const temporary = `${absolute}.${process.pid}.tmp`;
    await workbook.xlsx.writeFile(temporary);
    renameSync(temporary, absolute);
  }
  return { changed, unchanged };
}
