import { renderTable, type FittedTable, type TableColumn } from '../fit-table.js';
import type { SliceRow } from '../store/slice-summary.js';
import { SLICE_HEADS, sliceCells } from './slice-view.js';

// The terminal's slice table. In a narrow terminal the raw p goes first (the Holm-adjusted one
// decides), then the counts behind it; the slice, its pass rate and whether it regressed stay.
const DROP: Record<string, number> = { 'McNemar p': 1, 'fail→pass': 2, n: 3, 'pass→fail': 4 };
const RIGHT = new Set(['n', 'pass→fail', 'fail→pass', 'McNemar p', 'Holm p']);

const COLUMNS: TableColumn[] = SLICE_HEADS.map((head) => ({
  head,
  ...(RIGHT.has(head) ? { align: 'right' as const } : { wrap: true }),
  ...(DROP[head] ? { dropOrder: DROP[head] } : {}),
}));

export function renderSliceTable(rows: SliceRow[], compared: boolean, width?: number): FittedTable {
  return renderTable(
    COLUMNS,
    rows.map((row) => sliceCells(row, compared)),
    width,
  );
}
