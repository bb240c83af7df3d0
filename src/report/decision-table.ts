import { renderTable, type FittedTable, type TableColumn } from '../fit-table.js';
import type { DecisionRow } from '../regression/decisions.js';
import { DECISION_HEADS, decisionCells } from './decision-view.js';

// The terminal's decision table, after the run table. In a narrow terminal the derived rates go
// first, then the counts a PM can work out from the others; false triggers, misses, recall and the
// false-positive rate stay. A rate with its interval may wrap at the space before the bracket.
const DROP: Record<string, number> = { 'balanced accuracy': 1, F1: 2, 'cost/case': 3, TN: 4, TP: 5, precision: 6 };
const NUMBERS = new Set(['TP', 'FP', 'TN', 'FN']);

const COLUMNS: TableColumn[] = DECISION_HEADS.map((head) => ({
  head,
  ...(NUMBERS.has(head) ? { align: 'right' as const } : { wrap: true }),
  ...(DROP[head] ? { dropOrder: DROP[head] } : {}),
}));

/** Without costs in the suite, the cost column would only say `—`: it is left out. */
export function renderDecisionTable(rows: DecisionRow[], width?: number): FittedTable {
  const costed = rows.some((row) => row.decision.costPerCase);
  const keep = (_: unknown, i: number) => costed || COLUMNS[i].head !== 'cost/case';
  return renderTable(
    COLUMNS.filter(keep),
    rows.map((row) => decisionCells(row).filter(keep)),
    width,
  );
}
