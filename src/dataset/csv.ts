import Papa from 'papaparse';
import type { Problem } from '../errors.js';
import { characterStart, memoryBytes, type ByteRange } from './file-bytes.js';
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
 * Whether `text` holds the header line's end (a line break outside quotes) and a character after it,
 * so neither the delimiter nor the line break (a `\r` cut from its `\n`) is guessed from half a line.
 */
function endsHeaderLine(text: string): boolean {
  let quoted = false;
  for (let i = 0; i < text.length - 1; i++) {
    const char = text[i];
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) return true;
  }
  return false;
}

type LineBreak = '\n' | '\r';

/**
 * The line break rows are split at, from the parser's guess on the first chunk. A file whose rows end
 * in `\r\n` is split at `\n` too: a sheet Excel saved (CRLF) often gets rows appended in an editor or
 * by a script (LF), and the parser splits at one line break only, so splitting at CRLF would read an
 * LF row as text of the row before it. Every LF and CRLF outside quotes then ends a row, and the `\r`
 * of a CRLF is left at the end of the row's last cell, where withoutCrOfCrlf takes it off. A quoted
 * last cell needs nothing: the parser allows whitespace between a closing quote and the line break.
 * Files whose rows end in a lone `\r` (classic Mac) are still split at `\r`, and only at `\r`.
 */
function rowBreak(sample: string, delimiter: string): LineBreak {
  const guess = Papa.parse<string[]>(sample, { delimiter, preview: 1 }).meta.linebreak;
  return guess === '\r' ? '\r' : '\n';
}

/**
 * A row's cells without the `\r` of its CRLF ending (see rowBreak); a CR elsewhere in a cell is kept.
 * A quoted last cell whose own text ends in a CR alone loses that CR too: cells are read trimmed, so no case differs.
 */
function withoutCrOfCrlf(cells: string[], newline: LineBreak): string[] {
  const last = cells.length - 1;
  if (newline !== '\n' || !cells[last]?.endsWith('\r')) return cells;
  const trimmed = cells.slice();
  trimmed[last] = trimmed[last].slice(0, -1);
  return trimmed;
}

/** A row with more cells than the header may be two rows joined by a line break that is a lone CR. */
function loneCrHint(cells: string[], newline: LineBreak): string {
  const joined = newline === '\n' ? cells.some((cell) => /\r(?!\n)/.test(cell)) : cells.some((cell) => cell.includes('\n'));
  return joined
    ? newline === '\n'
      ? ' (it holds a line break that is a CR alone, which does not end a row: save the file with CRLF or LF line endings)'
      : ' (the rows of this file end in a CR alone, and this row holds an LF: save the file with CRLF or LF line endings)'
    : '';
}

/** Records per piece when the rows are read again: big enough to amortize a parse call, small enough to stay a few hundred KB. */
const PIECE_RECORDS = 512;

/** Characters (or bytes) read per step of the first pass. */
const CHUNK = 1 << 20;

/**
 * Where a CSV's text comes from, in positions of the source's own unit: a decoded string (UTF-16
 * and Windows-1252 files, and text given directly), or a UTF-8 file's bytes, decoded a chunk at a
 * time and a piece at a time so its whole text is never one string in V8's heap. V8 lets garbage
 * grow to a few times what the heap holds before it collects, so the 44 MB text of a million rows
 * held there took validate to ~400 MB; outside the heap, as bytes, it does not. A file's bytes are
 * read from disk as they are needed (file-bytes.ts), so not even they are held.
 */
interface CsvSource {
  start: number;
  end: number;
  /** Up to `length` units from `from` (at least one character unless at the end), decoded. */
  read(from: number, length: number): { text: string; to: number };
  /** How many units `text` took in the source. */
  measure(text: string): number;
  /** The text between two positions that fall between records. */
  slice(from: number, to: number): string;
}

function textSource(text: string): CsvSource {
  return {
    start: 0,
    end: text.length,
    read: (from, length) => ({ text: text.slice(from, from + length), to: Math.min(text.length, from + length) }),
    measure: (part) => part.length,
    slice: (from, to) => text.slice(from, to),
  };
}

function utf8Source(bytes: ByteRange, bomLength: number): CsvSource {
  const decoder = new TextDecoder('utf-8');
  return {
    start: bomLength,
    end: bytes.length,
    read: (from, length) => {
      // Never cut a character: step back over continuation bytes (10xxxxxx) to the start of one.
      const to = characterStart(bytes, from, Math.min(bytes.length, from + length));
      return { text: decoder.decode(bytes.range(from, to)), to };
    },
    measure: (part) => Buffer.byteLength(part),
    slice: (from, to) => decoder.decode(bytes.range(from, to)),
  };
}

/**
 * Split decoded CSV text into a header and raw rows; ragged rows and broken quotes become problems.
 * `preferredDelimiter`: the one the file's kind implies (tab for .tsv and .txt), see detectDelimiter.
 */
export function readCsv(text: string, file: string, preferredDelimiter?: string, chunk = CHUNK): RawTable {
  return readCsvSource(textSource(text), file, preferredDelimiter, chunk);
}

/**
 * readCsv for a UTF-8 file's bytes (already checked to be UTF-8, without NULs), after a byte-order mark
 * of `bomLength` bytes: in memory, or read from the file a range at a time (file-bytes.ts).
 */
export function readUtf8Csv(bytes: Uint8Array | ByteRange, bomLength: number, file: string, preferredDelimiter?: string, chunk = CHUNK): RawTable {
  return readCsvSource(utf8Source(bytes instanceof Uint8Array ? memoryBytes(bytes) : bytes, bomLength), file, preferredDelimiter, chunk);
}

/**
 * The rows are not kept: a million rows as arrays of strings cost ~700 MB. One pass, a chunk at a
 * time, finds the problems and where every 512th record starts (as the parser itself splits
 * records, so quoted newlines stay inside their cell); each later pass over `rows` parses the
 * source again piece by piece from those positions.
 *
 * A chunk's last record may be cut by the chunk's end, so it is never taken: it is parsed again at
 * the start of the next chunk. A chunk grows to the text carried over, so a quote never closed (the
 * rest of the file one cell) is parsed a bounded number of times, not once per chunk.
 */
function readCsvSource(source: CsvSource, file: string, preferredDelimiter: string | undefined, chunk: number): RawTable {
  const problems: Problem[] = [];
  const skipped = new Set<number>();
  const pieces: number[] = [source.start];
  let header: string[] = [];
  let record = 0;
  let newline: LineBreak = '\n';
  let delimiter: string | undefined;
  const take = (data: string[], errors: Papa.ParseError[], end: () => number) => {
    const row = record + 1;
    if (record === 0) header = withoutCrOfCrlf(data, newline).map(normalizeNewlines);
    else {
      const quotes = errors.filter((error) => error.type === 'Quotes');
      for (const error of quotes) problems.push({ file, row, message: quoteMessage(error.code) });
      if (quotes.length) skipped.add(row);
      else if (!blank(data) && data.length !== header.length) {
        const n = data.length;
        const hint = n > header.length ? loneCrHint(withoutCrOfCrlf(data, newline), newline) : '';
        problems.push({ file, row, message: `row has ${n} ${n === 1 ? 'cell' : 'cells'}, the header has ${header.length}${hint}` });
        skipped.add(row);
      }
    }
    record += 1;
    if (record % PIECE_RECORDS === 0) pieces.push(end());
  };
  let carry = '';
  let at = source.start;
  let carryAt = source.start;
  for (let last = false; !last;) {
    const read = source.read(at, Math.max(chunk, carry.length));
    at = read.to;
    last = at >= source.end;
    const text = carry + read.text;
    if (delimiter === undefined && !last && !endsHeaderLine(text)) {
      // The delimiter is told by the whole header line: read on until it is complete.
      carry = text;
      continue;
    }
    if (delimiter === undefined) {
      delimiter = detectDelimiter(text, preferredDelimiter);
      // Guessed once, from the first chunk (as the parser guesses from a text's first 1 MB), and kept:
      // a later chunk guessing its own could split the file differently.
      // A last `\r` may be half of a `\r\n` cut by the chunk's end: it is not counted.
      newline = rowBreak(!last && text.endsWith('\r') ? text.slice(0, -1) : text, delimiter);
    }
    // Positions in the source of characters of `text`, asked in increasing order.
    let known = 0;
    let knownAt = carryAt;
    const positionOf = (char: number) => {
      knownAt += source.measure(text.slice(known, char));
      known = char;
      return knownAt;
    };
    let pending: Papa.ParseStepResult<string[]> | undefined;
    let pendingStart = 0;
    let previousEnd = 0;
    const settle = (result: Papa.ParseStepResult<string[]>) => take(result.data, result.errors, () => positionOf(result.meta.cursor));
    Papa.parse<string[]>(text, {
      delimiter,
      newline,
      skipEmptyLines: false,
      header: false,
      step: (result) => {
        if (pending) settle(pending);
        pending = result;
        pendingStart = previousEnd;
        previousEnd = result.meta.cursor;
      },
    });
    if (last) {
      if (pending) settle(pending);
    } else {
      const from = pending ? pendingStart : 0;
      carryAt = positionOf(from);
      carry = text.slice(from);
    }
  }
  const records = record;
  const rows: Iterable<RawRow> = {
    *[Symbol.iterator]() {
      for (let piece = 0; piece < pieces.length; piece++) {
        const first = piece * PIECE_RECORDS;
        const count = Math.min(PIECE_RECORDS, records - first);
        if (count <= 0) break;
        // The line break the whole file was read with: a piece guessing its own could split the file differently.
        const parsed = Papa.parse<string[]>(source.slice(pieces[piece], pieces[piece + 1] ?? source.end), { delimiter, newline, skipEmptyLines: false, header: false });
        for (let i = 0; i < count; i++) {
          const row = first + i + 1;
          if (row === 1 || skipped.has(row)) continue;
          const cells = withoutCrOfCrlf(parsed.data[i], newline).map(normalizeNewlines);
          if (!blank(cells)) yield { row, cells };
        }
      }
    },
  };
  return { format: 'csv', file, source: file, header, rows, problems, sizeHint: records };
}

function blank(cells: string[]): boolean {
  return cells.every((cell) => cell.trim() === '');
}

function quoteMessage(code: string): string {
  return code === 'MissingQuotes'
    ? 'a quoted cell is never closed (a " is missing), so the rest of the file is read as one cell'
    : 'a quoted cell has text after its closing quote (write "" for a quote inside a quoted cell)';
}
