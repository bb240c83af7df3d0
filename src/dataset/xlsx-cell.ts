import type { Cell, CellValue } from 'exceljs';
import { formatDate, formatNumber, isoDate } from './xlsx-format.js';
import { normalizeNewlines } from './text-file.js';

// One workbook cell as the text a PM sees in Excel: formulas as their saved results, rich text
// flattened, dates and numbers through their number format.

export interface CellText {
  text: string;
  /** Why the text may not be what Excel shows (a formula never calculated). */
  problem?: string;
}

/**
 * Text of `cell`. Cells covered by a merge (other than its top-left) are empty, as in Excel's own CSV
 * export, so a workbook and its CSV load the same. `isoDateTime` forces dates to ISO date-times (the
 * `now` column, whose display format is only cosmetic).
 */
export function cellText(cell: Cell, isoDateTime = false): CellText {
  if (cell.isMerged && cell.master.address !== cell.address) return { text: '' };
  const value = cell.value;
  if (isFormula(value)) {
    if (value.result === undefined) {
      return { text: '', problem: `formula =${value.formula ?? ''} has no saved value; open the file in Excel and save it again` };
    }
    return { text: valueText(value.result, cell.numFmt, isoDateTime) };
  }
  return { text: valueText(value, cell.numFmt, isoDateTime) };
}

function isFormula(value: CellValue): value is { formula?: string; sharedFormula?: string; result?: unknown } & CellValue {
  return typeof value === 'object' && value !== null && ('formula' in value || 'sharedFormula' in value);
}

function valueText(value: unknown, numFmt: string | undefined, isoDateTime: boolean): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return normalizeNewlines(value);
  if (typeof value === 'number') return formatNumber(value, numFmt);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return isoDateTime ? isoDate(value, true) : formatDate(value, numFmt);
  if (typeof value === 'object') {
    const record = value as { richText?: { text: string }[]; text?: unknown; error?: string };
    if (Array.isArray(record.richText)) return normalizeNewlines(record.richText.map((run) => run.text).join(''));
    if ('text' in record) return valueText(record.text, numFmt, isoDateTime);
    if (typeof record.error === 'string') return record.error;
  }
  return String(value);
}
