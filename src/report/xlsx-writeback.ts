import ExcelJS from 'exceljs';
import type { ResultStatus } from '../types.js';
import { truncate } from './case-view.js';
import type { ReportData } from './report-data.js';
import { buildWriteBackTable } from './write-back-table.js';
import { addSummarySheet, SUMMARY_SHEET } from './xlsx-summary.js';
import { xmlSafe } from './xml-escape.js';

/** Excel refuses (and "repairs") cells longer than this. */
const MAX_CELL_CHARS = 32_767;

const FILLS: Record<ResultStatus, string> = { pass: 'FFC6EFCE', fail: 'FFFFC7CE', error: 'FFD9D9D9' };

/**
 * Cells are written as string cells, which a spreadsheet never evaluates, so unlike the CSV they
 * need no leading apostrophe: a PM's own note "=1+1" comes back exactly as typed. exceljs escapes
 * markup but passes U+FFFF and lone surrogates into sharedStrings.xml, which then no longer parses,
 * so characters XML forbids are replaced as in junit.xml.
 */
function cellText(value: string): string {
  // After the cut, which may split a surrogate pair: xmlSafe then replaces the half left over.
  return xmlSafe(value.length > MAX_CELL_CHARS ? truncate(value, MAX_CELL_CHARS - 40) : value);
}

/** Excel's rules for tab names: at most 31 characters, none of : \ / ? * [ ]. */
export function sheetName(suite: string): string {
  const cleaned = xmlSafe(suite)
    .replace(/[:\\/?*[\]]/g, '-')
    .replace(/^'+|'+$/g, '')
    .slice(0, 31);
  return cleaned || 'results';
}

/** The cases' tab: the suite's name, unless that is the summary's (Excel compares tab names ignoring case). */
function casesSheetName(suite: string): string {
  const name = sheetName(suite);
  return name.toLowerCase() === SUMMARY_SHEET.toLowerCase() ? sheetName(`${suite}-cases`) : name;
}

/**
 * results.xlsx: a Summary tab (one row per system), then the PM's sheet back, with each system's
 * output, verdict (coloured) and reason as columns beside theirs. Every cell of the cases' sheet
 * is a string cell, never a formula.
 */
export async function renderResultsXlsx(data: ReportData): Promise<Buffer> {
  const table = buildWriteBackTable(data);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'evals';
  addSummarySheet(workbook, data);
  const sheet = workbook.addWorksheet(casesSheetName(data.suite), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(table.header.map(cellText)).font = { bold: true };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.header.length } };
  const longest = table.header.map((name) => name.length);
  for (const { cells, statuses } of table.rows()) {
    const row = sheet.addRow(cells.map(cellText));
    cells.forEach((cell, i) => (longest[i] = Math.max(longest[i] ?? 0, Math.min(cell.length, 60))));
    table.verdictColumns.forEach((column, i) => {
      const status = statuses[i];
      if (!status) return;
      row.getCell(column + 1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILLS[status] } };
    });
  }
  table.header.forEach((_, i) => {
    sheet.getColumn(i + 1).width = Math.max(10, Math.min(60, longest[i] + 2));
    sheet.getColumn(i + 1).alignment = { wrapText: true, vertical: 'top' };
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
