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

type LineBreak = '\n' | '\r' | '\r\n';

/** Records per piece when the rows are read again: big enough to amortize a parse call, small enough to stay a few hundred KB. */
const PIECE_RECORDS = 512;

/**
 * Split decoded CSV text into a header and raw rows; ragged rows and broken quotes become problems.
 * `preferredDelimiter`: the one the file's kind implies (tab for .tsv and .txt), see detectDelimiter.
 *
 * The rows are not kept: a million rows as arrays of strings cost ~700 MB, the text itself ~45 MB.
 * One pass finds the problems and where every 512th record starts (as the parser itself splits
 * records, so quoted newlines stay inside their cell); each later pass over `rows` parses the text
 * again piece by piece from those offsets.
 */
export function readCsv(text: string, file: string, preferredDelimiter?: string): RawTable {
  const delimiter = detectDelimiter(text, preferredDelimiter);
  const problems: Problem[] = [];
  const skipped = new Set<number>();
  const pieces: number[] = [0];
  let header: string[] = [];
  let record = 0;
  let newline: LineBreak | undefined;
  Papa.parse<string[]>(text, {
    delimiter,
    skipEmptyLines: false,
    header: false,
    step: (result) => {
      const row = record + 1;
      newline ??= result.meta.linebreak as LineBreak;
      if (record === 0) header = result.data.map(normalizeNewlines);
      else {
        const quotes = result.errors.filter((error) => error.type === 'Quotes');
        for (const error of quotes) problems.push({ file, row, message: quoteMessage(error.code) });
        if (quotes.length) skipped.add(row);
        else if (!blank(result.data) && result.data.length !== header.length) {
          const n = result.data.length;
          problems.push({ file, row, message: `row has ${n} ${n === 1 ? 'cell' : 'cells'}, the header has ${header.length}` });
          skipped.add(row);
        }
      }
      record += 1;
      if (record % PIECE_RECORDS === 0) pieces.push(result.meta.cursor);
    },
  });
  const records = record;
  const rows: Iterable<RawRow> = {
    *[Symbol.iterator]() {
      for (let piece = 0; piece < pieces.length; piece++) {
        const first = piece * PIECE_RECORDS;
        const count = Math.min(PIECE_RECORDS, records - first);
        if (count <= 0) break;
        // The line break the whole file was read with: a piece guessing its own could split a file of mixed endings differently.
        const parsed = Papa.parse<string[]>(text.slice(pieces[piece], pieces[piece + 1] ?? text.length), { delimiter, newline, skipEmptyLines: false, header: false });
        for (let i = 0; i < count; i++) {
          const row = first + i + 1;
          if (row === 1 || skipped.has(row)) continue;
          const cells = parsed.data[i].map(normalizeNewlines);
          if (!blank(cells)) yield { row, cells };
        }
      }
    },
  };
  return { format: 'csv', file, source: file, header, rows, problems };
}

function blank(cells: string[]): boolean {
  return cells.every((cell) => cell.trim() === '');
}

function quoteMessage(code: string): string {
  return code === 'MissingQuotes'
    ? 'a quoted cell is never closed (a " is missing), so the rest of the file is read as one cell'
    : 'a quoted cell has text after its closing quote (write "" for a quote inside a quoted cell)';
}
