import { renderTable, type FittedTable, type TableColumn } from '../fit-table.js';
import type { DecisionRow } from '../regression/decisions.js';
import { DECISION_HEADS, decisionCells } from './decision-view.js';

// The terminal's decision table, after the run table. In a narrow terminal the derived rates go
// first; the four counts, precision and recall are what a decision is read for.
const DROP: Record<string, number> = { 'balanced accuracy': 1, F1: 2, 'cost/case': 3, TN: 4 };

const COLUMNS: TableColumn[] = DECISION_HEADS.map((head) => ({
  head,
  ...(head === 'system' || head === 'decision' ? { wrap: true } : { align: 'right' as const }),
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
