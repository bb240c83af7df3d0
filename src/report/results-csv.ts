import Papa from 'papaparse';
import { neutralizeCell } from './spreadsheet-cell.js';
import type { ReportData } from './report-data.js';
import { buildWriteBackTable } from './write-back-table.js';

/** Excel reads a CSV as the machine's legacy code page unless it starts with a byte order mark. */
const BOM = '\uFEFF';

/**
 * results.csv: the dataset's columns plus each system's output, verdict and reason, safe to open in a
 * spreadsheet (formula-looking cells are neutralized). Use for write-back and for sharing raw results.
 */
export function* renderResultsCsv(data: ReportData): Generator<string> {
  const table = buildWriteBackTable(data);
  // Row by row, so a 100,000-case run is never one string in memory.
  const line = (cells: string[]) => Papa.unparse([cells.map(neutralizeCell)], { quotes: true, newline: '\r\n' }) + '\r\n';
  yield BOM + line(table.header);
  for (const row of table.rows()) yield line(row.cells);
}
