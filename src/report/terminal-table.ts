import { renderTable, type FittedTable, type TableCell, type TableColumn } from '../fit-table.js';
import { capabilitiesOf } from '../providers/registry.js';
import type { RunSummary } from '../store/summary.js';
import { formatCount, formatMs, formatPercent, formatUsd } from '../format.js';

// In a narrow terminal the latencies go first, then tokens and cost, then the provider: the
// system and its pass, fail, error counts and pass rate are what a run is read for.
const COLUMNS: TableColumn[] = [
  { head: 'system', wrap: true },
  { head: 'provider', wrap: true, dropOrder: 5 },
  { head: 'pass', align: 'right' },
  { head: 'fail', align: 'right' },
  { head: 'error', align: 'right' },
  { head: 'pass rate', align: 'right' },
  { head: 'tokens in/out', align: 'right', dropOrder: 3 },
  { head: 'cost', align: 'right', dropOrder: 4 },
  { head: 'p50', align: 'right', dropOrder: 2 },
  { head: 'p95', align: 'right', dropOrder: 1 },
];

/**
 * The table at the end of a run: one row per system. Plain text; colour is the CLI's choice.
 * `width`: the terminal's, to fit (columns dropped are named in the result); none: as wide as needed.
 */
export function renderSummaryTable(summary: RunSummary, width?: number): FittedTable {
  const rows: TableCell[][] = summary.systems.map((s) => {
    if (s.skipped) return [s.system, s.provider, { rest: `skipped: ${s.skipped}` }];
    const recorded = capabilitiesOf(s.provider).recorded;
    return [
      s.system,
      s.provider,
      s.pass,
      s.fail,
      s.error,
      formatPercent(s.passRate),
      recorded ? '—' : `${formatCount(s.inputTokens)}/${formatCount(s.outputTokens)}`,
      formatUsd(s.costUsd),
      recorded ? '—' : formatMs(s.latencyP50Ms),
      recorded ? '—' : formatMs(s.latencyP95Ms),
    ];
  });
  return renderTable(COLUMNS, rows, width);
}
