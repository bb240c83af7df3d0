import Table from 'cli-table3';
import stringWidth from 'string-width';

// Terminal tables that fit the terminal. A table wider than the window is wrapped by the terminal
// into an unreadable zig-zag, so when a width is known the least important columns are dropped
// and long text cells wrapped. Without a width (a pipe, a file) the table is drawn as wide as its
// content. Widths are measured as cli-table3 measures them (string-width: wide characters count 2).

export interface TableColumn {
  head: string;
  align?: 'left' | 'right';
  /** Text that may be wrapped onto several lines (names, providers); numbers are never wrapped. */
  wrap?: boolean;
  /** Dropped to fit a narrow terminal, in increasing order of this number; absent: never dropped. */
  dropOrder?: number;
}

/** A cell spanning every column after the ones before it (a skipped system's reason). */
interface RestCell {
  rest: string;
}

export type TableCell = string | number | RestCell;

export interface FittedTable {
  text: string;
  /** Heads of the columns left out to fit the width. */
  dropped: string[];
}

/**
 * Narrowest a text column is made before a column is dropped instead: about two lines of its
 * longest cell, and never under 10 (a name cut into many short lines reads worse than a column less).
 */
const wrappedMinimum = (longest: number) => Math.min(longest, Math.max(10, Math.ceil(longest * 0.6)));
/** One space either side of every cell, as cli-table3 draws them. */
const PADDING = 2;

const isRest = (cell: TableCell): cell is RestCell => typeof cell === 'object';
const cellText = (cell: TableCell) => (isRest(cell) ? cell.rest : String(cell));
const longestLine = (text: string) => Math.max(0, ...text.split('\n').map((line) => stringWidth(line)));

/**
 * Break `text` into lines of at most `width` columns, at spaces where it can, else after a `:`,
 * `-` or `/`, else anywhere (a table cell has no room to spare). Existing line breaks are kept.
 */
function wrapCell(text: string, width: number): string {
  return text
    .split('\n')
    .flatMap((line) => breakLine(line, Math.max(1, width)))
    .join('\n');
}

function breakLine(line: string, width: number): string[] {
  const lines: string[] = [];
  let rest = line;
  while (stringWidth(rest) > width) {
    const chars = [...rest];
    let fit = 0;
    while (fit < chars.length && stringWidth(chars.slice(0, fit + 1).join('')) <= width) fit++;
    const head = chars.slice(0, fit).join('');
    const space = head.lastIndexOf(' ');
    const mark = Math.max(head.lastIndexOf(':'), head.lastIndexOf('-'), head.lastIndexOf('/'));
    if (space > 0) {
      lines.push(head.slice(0, space));
      rest = chars.slice(space + 1).join('');
    } else {
      const cut = mark > 0 ? [...head.slice(0, mark + 1)].length : Math.max(1, fit);
      lines.push(chars.slice(0, cut).join(''));
      rest = chars.slice(cut).join('');
    }
  }
  lines.push(rest);
  return lines;
}

/**
 * Prose for a terminal `width` wide: each line broken at spaces, continuation lines indented two
 * more than the line they continue. A word longer than the width (a path) is kept whole, so it
 * can still be copied.
 */
export function wrapProse(text: string, width: number | undefined): string {
  if (!width) return text;
  return text
    .split('\n')
    .flatMap((line) => {
      if (stringWidth(line) <= width) return [line];
      // The indent after any colour code the line starts with.
      const [lead, colour, indent] = /^((?:\u001b\[[0-9;]*m)*)( *)/.exec(line)!;
      const words = line.slice(lead.length).split(' ');
      const lines: string[] = [];
      let current = colour + indent + words.shift()!;
      for (const word of words) {
        if (stringWidth(`${current} ${word}`) <= width) current += ` ${word}`;
        else {
          lines.push(current);
          current = `${indent}  ${word}`;
        }
      }
      lines.push(current);
      return lines;
    })
    .join('\n');
}

/** Total width of a table with these column widths (padding included), borders counted. */
const tableWidth = (widths: number[]) => widths.reduce((sum, w) => sum + w + PADDING, 0) + widths.length + 1;

/**
 * Draw a table. With a `width`, columns are dropped (lowest `dropOrder` first) while the table
 * cannot fit even with its heads and text columns narrowed; then heads wider than their cells wrap,
 * then text columns, widest first, until it fits.
 */
export function renderTable(columns: TableColumn[], rows: TableCell[][], width?: number, { compact = true } = {}): FittedTable {
  if (!width) return { text: draw(columns, rows, compact), dropped: [] };
  let kept = columns.map((_, i) => i);
  const cellsWidth = (i: number) => Math.max(0, ...rows.map((row) => (row[i] === undefined || isRest(row[i]) ? 0 : longestLine(cellText(row[i])))));
  const natural = (i: number) => Math.max(stringWidth(columns[i].head), cellsWidth(i));
  // A head may wrap at its spaces ("pass rate" over two lines): no column is narrower than its longest head word.
  const headWord = (i: number) => Math.max(...columns[i].head.split(' ').map((w) => stringWidth(w)));
  const narrowest = (i: number) => Math.max(headWord(i), columns[i].wrap ? wrappedMinimum(cellsWidth(i)) : cellsWidth(i));
  const droppable = columns
    .map((c, i) => ({ i, order: c.dropOrder }))
    .filter((c): c is { i: number; order: number } => c.order !== undefined)
    .sort((a, b) => a.order - b.order);
  while (tableWidth(kept.map(narrowest)) > width && droppable.length) {
    const next = droppable.shift()!.i;
    kept = kept.filter((i) => i !== next);
  }
  const widths = new Map(kept.map((i) => [i, natural(i)]));
  // Narrow a column at a time: first heads wider than their cells, then the widest text column;
  // when nothing is left to drop, text columns go on down to a few characters rather than overflow.
  const lastResort = (i: number) => Math.max(headWord(i), columns[i].wrap ? Math.min(cellsWidth(i), 4) : cellsWidth(i));
  for (const floor of [narrowest, lastResort]) {
    for (let over = tableWidth([...widths.values()]) - width; over > 0; over--) {
      const candidates = kept.filter((i) => widths.get(i)! > floor(i));
      if (!candidates.length) break;
      const headOnly = candidates.filter((i) => widths.get(i)! > cellsWidth(i));
      const widest = (headOnly.length ? headOnly : candidates).reduce((a, b) => (widths.get(b)! > widths.get(a)! ? b : a));
      widths.set(widest, widths.get(widest)! - 1);
    }
  }
  const keptColumns = kept.map((i) => columns[i]);
  const keptWidths = kept.map((i) => widths.get(i)!);
  const keptRows = rows.map((row) => fitRow(row, kept, keptWidths));
  const heads = keptColumns.map((c, j) => ({ ...c, head: wrapCell(c.head, keptWidths[j]) }));
  return { text: draw(heads, keptRows, compact, keptWidths), dropped: columns.filter((_, i) => !kept.includes(i)).map((c) => c.head) };
}

/** The row's cells in the kept columns, wrapped to their widths; a rest cell spans what is left. */
function fitRow(row: TableCell[], kept: number[], widths: number[]): TableCell[] {
  const restAt = row.findIndex(isRest);
  const cells: TableCell[] = [];
  kept.forEach((i, j) => {
    if (restAt >= 0 && i >= restAt) {
      if (cells.some(isRest)) return;
      const spanned = widths.slice(j);
      const room = spanned.reduce((sum, w) => sum + w + PADDING, 0) + spanned.length - 1 - PADDING;
      cells.push({ rest: wrapCell(cellText(row[restAt]), room) });
      return;
    }
    cells.push(typeof row[i] === 'string' ? wrapCell(row[i] as string, widths[j]) : row[i]);
  });
  return cells;
}

/** Plain text (colour is the CLI's choice); compact: no line between rows. */
function draw(columns: TableColumn[], rows: TableCell[][], compact: boolean, widths?: number[]): string {
  const table = new Table({
    head: columns.map((c) => c.head),
    style: { head: [], border: [], compact },
    colAligns: columns.map((c) => c.align ?? 'left'),
    ...(widths ? { colWidths: widths.map((w) => w + PADDING) } : {}),
  });
  for (const row of rows) {
    const restAt = row.findIndex(isRest);
    table.push(restAt < 0 ? row.map(cellText) : [...row.slice(0, restAt).map(cellText), { colSpan: columns.length - restAt, content: cellText(row[restAt]) }]);
  }
  return table.toString();
}
