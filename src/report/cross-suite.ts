import type { Assessment } from '../regression/assess-run.js';
import type { GatedWinRate } from '../regression/gate.js';
import { formatPercent } from '../format.js';
import { renderTable, type FittedTable, type TableColumn } from '../fit-table.js';
import { markdownCell } from './markdown-escape.js';

export interface CrossSuiteEntry {
  assessment: Assessment;
  winRates: GatedWinRate[];
}

export interface CrossSuiteRow {
  suite: string;
  system: string;
  passRate: string;
  delta: string;
  regressed: number;
  fixed: number;
  errored: number;
  winRate: string;
  gateFailed: boolean;
}

/**
 * One row per suite and system, worst first (failed gates, then regressions, then the largest
 * drops), so a gain on one behaviour cannot hide a loss on another. A suite whose gate failed on a
 * rule that names no gated system (a win rate, a judge error) marks all its rows.
 */
export function crossSuiteRows(entries: CrossSuiteEntry[]): CrossSuiteRow[] {
  const rows: Array<CrossSuiteRow & { sortDelta: number; sortRate: number }> = [];
  for (const { assessment, winRates } of entries) {
    const { regression: comparison, gate } = assessment;
    const named = (system: string) => gate.systems.includes(system) || gate.failures.some((f) => f.includes(` ${system} vs `));
    const anyNamed = comparison.systems.some((s) => named(s.system));
    for (const s of comparison.systems) {
      const win = winRates.find((w) => w.a === s.system);
      rows.push({
        suite: comparison.suite,
        system: s.system,
        passRate: formatPercent(s.after.passRate),
        delta: s.delta === null ? '—' : `${s.delta >= 0 ? '+' : ''}${(s.delta * 100).toFixed(1)}`,
        regressed: s.counts.regressed,
        fixed: s.counts.fixed,
        errored: s.counts.errored,
        winRate: win ? `${formatPercent(win.estimate)} vs ${win.b}` : '—',
        gateFailed: !gate.passed && (named(s.system) || !anyNamed),
        sortDelta: s.delta ?? 0,
        sortRate: s.after.passRate ?? 1,
      });
    }
  }
  rows.sort((x, y) => Number(y.gateFailed) - Number(x.gateFailed) || y.regressed - x.regressed || x.sortDelta - y.sortDelta || x.sortRate - y.sortRate);
  return rows.map(({ sortDelta: _d, sortRate: _r, ...row }) => row);
}

const CROSS_SUITE_HEAD = ['suite', 'system', 'pass rate', 'Δ pts', 'regressed', 'fixed', 'errored', 'win rate', 'gate'];

function crossSuiteCells(row: CrossSuiteRow): Array<string | number> {
  return [row.suite, row.system, row.passRate, row.delta, row.regressed, row.fixed, row.errored, row.winRate, row.gateFailed ? 'FAILED' : ''];
}

/** In a narrow terminal fixes and errors go first, then the delta and the win rate: which suite regressed and failed its gate stays. */
const DROP_ORDER: Record<string, number> = { fixed: 1, errored: 2, 'Δ pts': 3, 'win rate': 4 };
const WRAPPED = new Set(['suite', 'system', 'win rate']);
const TERMINAL_COLUMNS: TableColumn[] = CROSS_SUITE_HEAD.map((head) => ({ head, wrap: WRAPPED.has(head), dropOrder: DROP_ORDER[head] }));

/** `evals run --all`: one screen across suites, worst first, so a gain on one cannot hide a loss on another. `width`: the terminal's, to fit. */
export function renderCrossSuiteTable(entries: CrossSuiteEntry[], width?: number): FittedTable {
  return renderTable(TERMINAL_COLUMNS, crossSuiteRows(entries).map(crossSuiteCells), width);
}

/** The same table in Markdown, for `$GITHUB_STEP_SUMMARY` and the pull-request comment. */
export function renderCrossSuiteMarkdown(rows: CrossSuiteRow[]): string {
  const line = (cells: Array<string | number>) => `| ${cells.map((c) => markdownCell(String(c))).join(' | ')} |`;
  return [
    `## ${rows.some((r) => r.gateFailed) ? '❌' : '✅'} All suites, worst first`,
    '',
    line(CROSS_SUITE_HEAD),
    line(CROSS_SUITE_HEAD.map(() => '---')),
    ...rows.map((row) => line(crossSuiteCells(row).map((c) => (c === 'FAILED' ? '❌ failed' : c)))),
    '',
  ].join('\n');
}
