import { formatPercent } from '../format.js';
import type { SliceRow, SlicesSummary } from '../store/slice-summary.js';
import type { DecisionSummary } from '../store/decision-tally.js';
import { DECISION_HEADS, decisionCells, formatCost, formatRate } from './decision-view.js';

// Words and numbers for the slices (`slice_by:`), shared by the terminal, Markdown and HTML so
// they agree. Rows arrive worst first (regressed, then the lowest pass rate).

/** How many slices the terminal shows besides the regressed ones. */
const TERMINAL_SLICES = 5;

export const SLICE_HEADS = ['slice', 'system', 'n', 'pass rate', 'pass→fail', 'fail→pass', 'McNemar p', 'Holm p', 'regressed'];

/** A p-value in two significant digits; `—` when nothing was compared. */
function formatP(p: number, compared: boolean): string {
  return compared ? p.toPrecision(2) : '—';
}

export function sliceCells(row: SliceRow, compared: boolean): string[] {
  return [
    row.key,
    row.system,
    String(row.cases),
    formatRate(row.passRate),
    compared ? String(row.passToFail) : '—',
    compared ? String(row.failToPass) : '—',
    formatP(row.pValue, compared),
    formatP(row.holmP, compared),
    row.regressed ? 'REGRESSED' : compared ? 'no' : '—',
  ];
}

/** `should_trigger: tool-called canvas: TP 3, FP 1, TN 4, FN 2; recall 60.0% [..]; false-positive rate 20.0% [..]`. */
export function sliceDecisionText(d: DecisionSummary): string {
  const parts = [`TP ${d.tp}, FP ${d.fp}, TN ${d.tn}, FN ${d.fn}`, `precision ${formatRate(d.precision)}`, `recall ${formatRate(d.recall)}`, `false-positive rate ${formatRate(d.falsePositiveRate)}`];
  if (d.costPerCase) parts.push(`cost/case ${formatCost(d.costPerCase)}`);
  return `${d.name}: ${parts.join('; ')}`;
}

const SLICE_DECISION_HEADS = ['slice', ...DECISION_HEADS];

/** The per-slice decision table: the slice, then every decision number; without costs in the suite, no cost column. */
export function sliceDecisionTable(slices: SlicesSummary): { heads: string[]; rows: string[][] } {
  const costed = slices.rows.some((row) => row.decisions.some((d) => d.costPerCase));
  const keep = (_: unknown, i: number) => costed || SLICE_DECISION_HEADS[i] !== 'cost/case';
  const rows = slices.rows.flatMap((row) => row.decisions.map((decision) => [row.key, ...decisionCells({ system: row.system, decision })].filter(keep)));
  return { heads: SLICE_DECISION_HEADS.filter(keep), rows };
}

/** What the terminal shows: the worst few, and every regressed slice however far down. */
export function terminalSlices(slices: SlicesSummary, few = TERMINAL_SLICES): SliceRow[] {
  return slices.rows.filter((row, index) => index < few || row.regressed);
}

/** Said once under each report's slice table. */
export function slicesNote(slices: SlicesSummary): string {
  const compared = slices.baselineRunId
    ? `pass→fail and fail→pass against ${slices.baselineRunId}; McNemar's exact two-sided p per slice, Holm-adjusted across the slices of one slice_by name (per system); a slice is regressed when its adjusted p < 0.05 and more cases went pass→fail than fail→pass.`
    : 'no compared-with run: no transitions.';
  return `Slices by ${slices.by.join(', ')}, worst first. Pass rates with Wilson 95% intervals; ${compared}`;
}

/** `2 regressed slices: turns=multi (candidate), …` or undefined. */
export function regressedLine(slices: SlicesSummary): string | undefined {
  const regressed = slices.rows.filter((row) => row.regressed);
  if (!regressed.length) return undefined;
  return `${regressed.length} regressed slice${regressed.length === 1 ? '' : 's'}: ${regressed.map((r) => `${r.key} (${r.system}, pass rate ${formatPercent(r.passRate?.estimate)})`).join(', ')}`;
}
