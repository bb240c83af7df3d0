import Papa from 'papaparse';
import type { Problem } from '../errors.js';
import type { RawRow, RawTable } from './raw-table.js';
import { normalizeNewlines } from './text-file.js';

// CSV as spreadsheets export it. Records are numbered as Excel shows them: a quoted cell with line
// breaks is still one row, and blank lines count.

const DELIMITERS = [',', ';', '\t'] as const;

/**
 * The delimiter used in the header line: whichever of `,` `;` tab occurs most outside quotes
 * (Excel in European locales writes `;`). Comma when the header has a single column. `preferred`
 * wins whenever the header has it at all: a tab-separated .txt whose header says "notes, misc" is
 * still tab-separated.
 */
export function detectDelimiter(text: string, preferred?: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && counts.has(char)) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  if (preferred && (counts.get(preferred) ?? 0) > 0) return preferred;
  let best = ',';
  for (const delimiter of DELIMITERS) if ((counts.get(delimiter) ?? 0) > (counts.get(best) ?? 0)) best = delimiter;
  return best;
}

/**
 * Split decoded CSV text into a header and raw rows; ragged rows and broken quotes become problems.
 * `preferredDelimiter`: the one the file's kind implies (tab for .tsv and .txt), see detectDelimiter.
 */
export function readCsv(text: string, file: string, preferredDelimiter?: string): RawTable {
  const parsed = Papa.parse<string[]>(text, { delimiter: detectDelimiter(text, preferredDelimiter), skipEmptyLines: false, header: false });
  const problems: Problem[] = [];
  for (const error of parsed.errors) {
    if (error.type !== 'Quotes') continue;
    const row = (error.row ?? 0) + 1;
    const message =
      error.code === 'MissingQuotes'
        ? 'a quoted cell is never closed (a " is missing), so the rest of the file is read as one cell'
        : 'a quoted cell has text after its closing quote (write "" for a quote inside a quoted cell)';
    problems.push({ file, row, message });
  }
  const badRows = new Set(problems.map((problem) => problem.row));
  const records = parsed.data;
  const header = (records[0] ?? []).map(normalizeNewlines);
  const rows: RawRow[] = [];
  records.slice(1).forEach((record, index) => {
    const row = index + 2;
    const cells = record.map(normalizeNewlines);
    if (badRows.has(row) || cells.every((cell) => cell.trim() === '')) return;
    if (cells.length !== header.length) {
      problems.push({ file, row, message: `row has ${cells.length} ${cells.length === 1 ? 'cell' : 'cells'}, the header has ${header.length}` });
      return;
    }
    rows.push({ row, cells });
  });
  return { format: 'csv', file, source: file, header, rows, problems };
}
