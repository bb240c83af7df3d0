import ExcelJS from 'exceljs';
import { ConfigurationError } from '../errors.js';
import { didYouMean } from '../suggest.js';
import { problemAt, type RawRow, type RawTable } from './raw-table.js';
import { columnLetter } from './cell-ref.js';
import { cellText } from './xlsx-cell.js';
import { MAX_SHEET_CELLS, checkWorkbookSize } from './xlsx-limits.js';

// A workbook holds one behaviour per tab; the suite's `sheet` picks one (default: the first).

/** Read one tab of a workbook into raw rows. Throws ConfigurationError for an unreadable file or unknown tab. */
export async function readXlsx(bytes: Uint8Array, file: string, sheetName?: string): Promise<RawTable> {
  // Before exceljs inflates anything: a workbook too large for memory is refused, not crashed on.
  await checkWorkbookSize(bytes, file);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigurationError([{ file, message: `cannot read the workbook (${reason}); is it a real .xlsx file?` }]);
  }
  const sheet = pickSheet(workbook, file, sheetName);
  const grid = readGrid(sheet, file);
  const table: RawTable = {
    format: 'xlsx',
    file,
    source: `${file}#${sheet.name}`,
    header: grid.header,
    rows: grid.rows,
    problems: [],
    sheet: sheet.name,
  };
  table.problems = grid.issues.map((issue) => problemAt(table, issue.row, issue.column, issue.message));
  return table;
}

function pickSheet(workbook: ExcelJS.Workbook, file: string, name: string | undefined): ExcelJS.Worksheet {
  const sheets = workbook.worksheets;
  if (sheets.length === 0) throw new ConfigurationError([{ file, message: 'the workbook has no sheets' }]);
  if (name === undefined) return sheets.find((sheet) => sheet.state === 'visible') ?? sheets[0];
  const wanted = name.trim().toLowerCase();
  // Excel treats tab names case-insensitively, so we do too.
  const found = sheets.find((sheet) => sheet.name.trim().toLowerCase() === wanted);
  if (found) return found;
  const names = sheets.map((sheet) => sheet.name);
  const message = `no sheet ${JSON.stringify(name)}${didYouMean(name, names)}; the workbook has: ${names.join(', ')}`;
  throw new ConfigurationError([{ file, message }]);
}

interface Grid {
  header: string[];
  rows: RawRow[];
  issues: { row: number; column: number; message: string }[];
}

/**
 * The cells holding text, by row. The used range comes from them, not from the sheet's last address:
 * one stray cell at XFD1048576 must not make a million rows of sixteen thousand columns. Rows without
 * text are left out (they make no case); only the header and rows with text are padded, to the last
 * column holding text, so a blank header cell between named ones still has its position.
 */
function readGrid(sheet: ExcelJS.Worksheet, file: string): Grid {
  const issues: Grid['issues'] = [];
  const nowColumns = new Set<number>();
  sheet.getRow(1).eachCell((cell, column) => {
    if (cellText(cell).text.trim() === 'now') nowColumns.add(column);
  });
  // Sparse: cells[column - 1] only where there is text.
  const present: { row: number; cells: string[] }[] = [];
  let width = 0;
  let widest = '';
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    let hasText = false;
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      const read = cellText(cell, nowColumns.has(column));
      if (read.problem) issues.push({ row: rowNumber, column: column - 1, message: read.problem });
      if (read.text === '') return;
      cells[column - 1] = read.text;
      if (read.text.trim() === '') return;
      hasText = true;
      // Formatting can stretch a sheet's used range; only columns holding text count.
      if (column > width) [width, widest] = [column, cell.address];
    });
    if (hasText || rowNumber === 1) present.push({ row: rowNumber, cells });
  });
  const size = present.length * width;
  if (size > MAX_SHEET_CELLS) {
    const message =
      `sheet ${JSON.stringify(sheet.name)} is too large to read: ${present.length.toLocaleString('en-US')} rows with text × ${width.toLocaleString('en-US')} columns ` +
      `(A to ${columnLetter(width - 1)}, for the text in ${widest}) = ${size.toLocaleString('en-US')} cells, over the limit of ${MAX_SHEET_CELLS.toLocaleString('en-US')}; ` +
      'delete stray cells beyond the table, or save large datasets as CSV UTF-8 or JSONL';
    throw new ConfigurationError([{ file, message }]);
  }
  const pad = (cells: string[]) => Array.from({ length: width }, (_, i) => cells[i] ?? '');
  const header = present[0]?.row === 1 ? present.shift() : undefined;
  return {
    header: header || present.length > 0 ? pad(header?.cells ?? []) : [],
    rows: present.map(({ row, cells }) => ({ row, cells: pad(cells) })),
    issues,
  };
}
