import { renderTable, type FittedTable, type TableColumn } from '../fit-table.js';
import { formatPercent } from '../format.js';
import { sparkline } from './sparkline.js';
import type { Trend } from './trend.js';

/** Most runs a sparkline draws: one character each, so the table still fits 80 columns. */
const SPARKLINE_RUNS = 30;

// The trend, first, last and best are what the command is for; the interval, the identity changes and
// the provider are dropped first in a narrow terminal.
const columns = (what: string): TableColumn[] => [
  { head: what, wrap: true },
  { head: 'provider', wrap: true, dropOrder: 1 },
  { head: 'runs', align: 'right' },
  { head: 'trend' },
  { head: 'first', align: 'right' },
  { head: 'last', align: 'right' },
  { head: 'best', align: 'right' },
  { head: 'last 95% CI', align: 'right', dropOrder: 3 },
  { head: 'changes', align: 'right', dropOrder: 2 },
];

/**
 * `evals history`'s table: one row per system (pass rate) or compared pair (win rate), with a
 * sparkline of the last runs, the first, last and best rate, and the latest run's 95% interval.
 * `changes` counts runs where the system's prompt, tools or parameters differ from the run before.
 */
export function renderTrendTable(trends: Trend[], what: 'system' | 'pair', width?: number): FittedTable {
  const rows = trends.map((t) => {
    const latest = t.points[t.points.length - 1];
    const interval = latest && latest.rate !== null ? `${formatPercent(latest.low)}–${formatPercent(latest.high)}` : '—';
    return [
      t.name,
      t.provider ?? '',
      t.points.length,
      sparkline(t.points.slice(-SPARKLINE_RUNS).map((p) => p.rate)),
      formatPercent(t.first),
      formatPercent(t.last),
      formatPercent(t.best),
      interval,
      t.changes,
    ];
  });
  const all = columns(what);
  // A pair has no provider and no identity: those columns are left out rather than shown empty.
  const keep = all.map((_, i) => i).filter((i) => what === 'system' || (i !== 1 && i !== 8));
  return renderTable(
    keep.map((i) => all[i]),
    rows.map((row) => keep.map((i) => row[i])),
    width,
  );
}
