import type { Problem } from '../errors.js';
import { didYouMean } from '../suggest.js';
import { columnLetter } from './cell-ref.js';
import { problemAt, type RawRow, type RawTable } from './raw-table.js';

// Which header cells name a column. A header cell with nothing under it is left over from a merged
// title or formatting in the sheet, not a mistake; a nameless column with data is one.

export interface Columns {
  /** Column name → position, for the first of each name. */
  index: Map<string, number>;
  /** Names in sheet order. */
  names: string[];
  problems: Problem[];
}

/** Read the header of `table`, reporting nameless columns with data, duplicates and missing `required` names. */
export function readHeader(table: RawTable, required: string[]): Columns {
  const index = new Map<string, number>();
  const names: string[] = [];
  const problems: Problem[] = [];
  const headerRow = table.format === 'jsonl' ? undefined : 1;
  if (table.header.every((cell) => cell.trim() === '')) {
    // An empty file or a blank first row: one clear message beats a list of missing columns.
    if (table.format !== 'jsonl') problems.push(problemAt(table, headerRow, undefined, 'the header row is empty; put the column names (input, ...) in row 1'));
    return { index, names, problems };
  }
  table.header.forEach((raw, position) => {
    const name = raw.trim();
    if (name === '') {
      const used = firstRow(table.rows, (row) => (row.cells[position] ?? '').trim() !== '');
      if (used) {
        problems.push(problemAt(table, headerRow, position, `column ${columnLetter(position)} has no name in the header row but has values (row ${used.row})`));
      }
      return;
    }
    const first = index.get(name);
    if (first !== undefined) {
      problems.push(problemAt(table, headerRow, position, `appears twice in the header (columns ${columnLetter(first)} and ${columnLetter(position)}); rename one`));
      return;
    }
    index.set(name, position);
    names.push(name);
  });
  for (const name of new Set(required)) {
    if (index.has(name)) continue;
    const found = names.length > 0 ? names.join(', ') : 'none';
    const what = table.format === 'jsonl' ? `no line has the key "${name}"` : `no "${name}" column`;
    problems.push(problemAt(table, headerRow, undefined, `${what}${didYouMean(name, names)}; the columns are: ${found}`));
  }
  return { index, names, problems };
}

function firstRow(rows: Iterable<RawRow>, test: (row: RawRow) => boolean): RawRow | undefined {
  for (const row of rows) if (test(row)) return row;
  return undefined;
}
