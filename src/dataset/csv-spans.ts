// Where each cell of a CSV text starts and ends, quotes included, so one cell can be replaced and
// every other byte of the file (its quoting, delimiter, line endings, BOM) stays as the PM's
// spreadsheet wrote it. Records are counted as readCsv (papaparse) counts them: a quoted line break
// stays inside its cell, and a blank line is a record.

export interface CellSpan {
  start: number;
  end: number;
  quoted: boolean;
}

/** Every record's cells as spans of `text` (a BOM, if any, is left outside the first span). */
export function csvCellSpans(text: string, delimiter: string): CellSpan[][] {
  const records: CellSpan[][] = [];
  let record: CellSpan[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let start = i;
  let quoted = false;
  const endCell = (end: number) => {
    record.push({ start, end, quoted });
    quoted = false;
  };
  while (i < text.length) {
    const c = text[i];
    if (c === '"' && i === start) {
      quoted = true;
      for (i++; i < text.length; i++) {
        if (text[i] !== '"') continue;
        if (text[i + 1] === '"') i++;
        else break;
      }
      i++;
    } else if (c === delimiter) {
      endCell(i);
      start = ++i;
    } else if (c === '\n' || c === '\r') {
      endCell(i);
      records.push(record);
      record = [];
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      start = i;
    } else i++;
  }
  if (start < text.length || record.length) {
    endCell(text.length);
    records.push(record);
  }
  return records;
}

/** The text a span holds, unquoted. */
export function cellValue(text: string, span: CellSpan): string {
  const raw = text.slice(span.start, span.end);
  if (!span.quoted) return raw;
  const close = raw.lastIndexOf('"');
  return raw.slice(1, close > 0 ? close : raw.length).replace(/""/g, '"');
}

/** A value as a cell: quoted when it must be (or when the cell it replaces was), quotes doubled. */
export function encodeCell(value: string, delimiter: string, wasQuoted: boolean): string {
  const must = value.includes('"') || value.includes(delimiter) || /[\r\n]/.test(value) || value !== value.trim();
  return must || wasQuoted ? `"${value.replace(/"/g, '""')}"` : value;
}
