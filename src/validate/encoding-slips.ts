import type { LoadedSuite } from '../suite/load.js';
import { locate } from './locate.js';
import { recordedColumns } from './recorded-cells.js';
import type { Finding } from './types.js';

// Excel's plain "CSV" (Windows-1252) cannot hold "→": it writes "?" instead, and every recorded tool
// call becomes text. Without this, a PM who typed `→ create_reminder(...)` is told, row by row, to type
// exactly that. One message says what happened and how to save.

/** A recorded cell whose first line is `? tool(...)` or `? tool`: a "→" lost in the save. */
const LOST_ARROW = /^\s*\?\s*[A-Za-z_][\w.-]*\s*(\(|$|\n)/;

export interface EncodingSlips {
  /** One error for the file, or none. */
  findings: Finding[];
  /** `row column` of each affected cell, so other findings about them are left out. */
  cells: Set<string>;
}

export function encodingSlips(suite: LoadedSuite): EncodingSlips {
  const cells = new Set<string>();
  const rows: number[] = [];
  for (const column of recordedColumns(suite)) {
    for (const kase of suite.dataset.cases) {
      if (!LOST_ARROW.test(kase.columns[column] ?? '')) continue;
      cells.add(`${kase.row} ${column}`);
      rows.push(kase.row);
    }
  }
  if (!cells.size) return { findings: [], cells };
  const shown = [...new Set(rows)].sort((a, b) => a - b);
  const list = shown.slice(0, 8).join(', ') + (shown.length > 8 ? `, … (${shown.length - 8} more)` : '');
  const message = `${cells.size} cell${cells.size === 1 ? '' : 's'} start with "?" where "→" belongs (rows ${list}): the sheet was saved as plain "CSV", which cannot hold "→". Save it as "CSV UTF-8" and validate again.`;
  return { findings: [{ ...locate(suite.dataset), severity: 'error', message }], cells };
}
