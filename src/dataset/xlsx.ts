import ExcelJS from 'exceljs';
import { ConfigurationError } from '../errors.js';
import { didYouMean } from '../suggest.js';
import { problemAt, type RawRow, type RawTable } from './raw-table.js';
import { cellText } from './xlsx-cell.js';

// A workbook holds one behaviour per tab; the suite's `sheet` picks one (default: the first).

/** Read one tab of a workbook into raw rows. Throws ConfigurationError for an unreadable file or unknown tab. */
export async function readXlsx(bytes: Uint8Array, file: string, sheetName?: string): Promise<RawTable> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigurationError([{ file, message: `cannot read the workbook (${reason}); is it a real .xlsx file?` }]);
  }
  const sheet = pickSheet(workbook, file, sheetName);
  const grid = readGrid(sheet);
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

function readGrid(sheet: ExcelJS.Worksheet): Grid {
  const texts: string[][] = [];
  const issues: Grid['issues'] = [];
  let width = 0;
  const headerCells = sheet.getRow(1);
  const nowColumns = new Set<number>();
  headerCells.eachCell((cell, column) => {
    if (cellText(cell).text.trim() === 'now') nowColumns.add(column);
  });
  for (let rowNumber = 1; rowNumber <= sheet.rowCount; rowNumber++) {
    const row = sheet.getRow(rowNumber);
    const cells: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      const read = cellText(cell, nowColumns.has(column));
      cells[column - 1] = read.text;
      if (read.problem) issues.push({ row: rowNumber, column: column - 1, message: read.problem });
      if (read.text.trim() !== '') width = Math.max(width, column);
    });
    texts.push(cells);
  }
  // Formatting can stretch a sheet's used range; only columns holding text count.
  const padded = texts.map((cells) => Array.from({ length: width }, (_, i) => cells[i] ?? ''));
  return {
    header: padded[0] ?? [],
    rows: padded.slice(1).map((cells, index) => ({ row: index + 2, cells })),
    issues,
  };
}
