import ExcelJS from 'exceljs';
import { SHEET } from '../../tests/workbooks/example-data.js';

// A workbook stored the way Excel stores what a PM typed: shared strings, TRUE/FALSE as booleans,
// numbers as numbers with the format that shows them ("1,000" is 1000 in #,##0), dates as serials
// with a date format, a formula with its cached result, a bold header with a merged cell and a
// frozen first row, and a formatted but empty row left under the data.

const THOUSANDS = /^-?\d{1,3}(,\d{3})+$/;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const UK_DAY = /^(\d{2})\/(\d{2})\/(\d{4})$/;

interface Typed {
  value: ExcelJS.CellValue;
  numFmt?: string;
}

/**
 * What Excel keeps for a cell showing `shown`. Text that would not display back identically as a
 * number ("4.", "007") stays text, as it must have been typed as text for the sheet to show it.
 */
export function excelValue(shown: string): Typed {
  if (shown === 'TRUE' || shown === 'FALSE') return { value: shown === 'TRUE' };
  if (shown !== '' && String(Number(shown)) === shown) return { value: Number(shown) };
  if (THOUSANDS.test(shown)) return { value: Number(shown.replace(/,/g, '')), numFmt: '#,##0' };
  const iso = ISO_DAY.exec(shown);
  if (iso) return { value: new Date(Date.UTC(+iso[1], +iso[2] - 1, +iso[3])), numFmt: 'yyyy-mm-dd' };
  const uk = UK_DAY.exec(shown);
  if (uk) return { value: new Date(Date.UTC(+uk[3], +uk[2] - 1, +uk[1])), numFmt: 'dd/mm/yyyy' };
  return { value: shown };
}

/** Cells to store as formulas: `{ [id]: { [column]: formula } }`; the cached result is the shown text. */
export type Formulas = Record<string, Record<string, string>>;

/** An .xlsx holding `rows` (header first) on one tab, written as Excel would store it. */
export async function excelLikeWorkbook(rows: string[][], formulas: Formulas = {}): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Microsoft Excel';
  // exceljs stamps "now" otherwise, and the committed file would change on every regeneration.
  book.created = book.modified = new Date(Date.UTC(2026, 0, 1));
  const sheet = book.addWorksheet(SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  const header = rows[0];
  rows.forEach((cells, index) => {
    const formulasOfRow = formulas[cells[0]] ?? {};
    cells.forEach((shown, column) => {
      const cell = sheet.getCell(index + 1, column + 1);
      const formula = formulasOfRow[header[column]];
      const typed = excelValue(shown);
      if (shown === '') {
        // Excel writes nothing for a blank cell, except its style when the row was formatted.
        if (index === rows.length - 1) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };
        return;
      }
      cell.value = formula ? ({ formula, result: typed.value } as ExcelJS.CellFormulaValue) : typed.value;
      if (typed.numFmt) cell.numFmt = typed.numFmt;
      if (shown.includes('\n')) cell.alignment = { wrapText: true, vertical: 'top' };
    });
  });
  sheet.getRow(1).font = { bold: true };
  // The last header cell is merged over an empty column, as a PM widening a title would leave it.
  sheet.mergeCells(1, header.length, 1, header.length + 1);
  for (let column = 1; column <= header.length; column++) sheet.getColumn(column).width = 24;
  return new Uint8Array(await book.xlsx.writeBuffer({ useSharedStrings: true }));
}
