import { cellName } from '../dataset/cell-ref.js';
import type { Dataset } from '../dataset/load.js';
import type { Problem } from '../errors.js';

// Findings point where the loader's own problems point: the file as written, the row as the
// spreadsheet shows it, and for workbooks the cell (`canvas-trigger!F14`).

/** The location of `row` / `column` in `dataset`, ready to spread into a Finding. */
export function locate(dataset: Dataset, row?: number, column?: string): Omit<Problem, 'message'> {
  const workbook = /^(.*\.xlsx)#(.+)$/i.exec(dataset.file);
  const where: Omit<Problem, 'message'> = { file: workbook ? workbook[1] : dataset.file };
  if (row !== undefined) where.row = row;
  if (column !== undefined) where.column = column;
  const index = column === undefined ? -1 : dataset.columns.indexOf(column);
  if (workbook && row !== undefined && index >= 0) where.cell = cellName(workbook[2], index, row);
  // A finding about a whole column of a workbook still names its tab.
  else if (workbook) where.file = `${workbook[1]} (tab "${workbook[2]}")`;
  return where;
}
