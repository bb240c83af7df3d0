import Table from 'cli-table3';
import { capabilitiesOf } from '../providers/registry.js';
import type { RunSummary } from '../store/summary.js';
import { formatCount, formatMs, formatPercent, formatUsd } from '../format.js';

/** The table at the end of a run: one row per system. Plain text; colour is the CLI's choice. */
export function renderSummaryTable(summary: RunSummary): string {
  const table = new Table({
    head: ['system', 'provider', 'pass', 'fail', 'error', 'pass rate', 'tokens in/out', 'cost', 'p50', 'p95'],
    style: { head: [], border: [], compact: true },
    colAligns: ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
  });
  for (const s of summary.systems) {
    if (s.skipped) {
      table.push([s.system, s.provider, { colSpan: 8, content: `skipped: ${s.skipped}` }]);
      continue;
    }
    const recorded = capabilitiesOf(s.provider).recorded;
    table.push([
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
    ]);
  }
  return table.toString();
}
