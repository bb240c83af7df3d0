import { renderTable, wrapProse, type FittedTable, type TableCell, type TableColumn } from '../fit-table.js';
import { formatPercent } from '../format.js';
import type { PairwiseSummary } from './summarize.js';

// The terminal view of a PairwiseSummary: win rates, ratings, agreement. Plain text (colour is
// the CLI's choice); shared by `evals judge` and `evals winrate`. Fitted to a terminal `width` when
// one is given: the comparison, its win rate and interval stay; lengths and counts go first.

function length(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : String(Math.round(value));
}

const WIN_RATE_COLUMNS: TableColumn[] = [
  { head: 'comparison', wrap: true },
  { head: 'judge', wrap: true },
  { head: 'n', align: 'right', dropOrder: 4 },
  { head: 'wins/losses/ties', align: 'right', dropOrder: 3 },
  { head: 'win rate', align: 'right' },
  { head: '95% CI', align: 'right' },
  { head: 'consistency', align: 'right', dropOrder: 2 },
  { head: 'avg length a/b', align: 'right', dropOrder: 1 },
];

/** One row per comparison and judge. */
function renderWinRateTable(summary: PairwiseSummary, width?: number): FittedTable {
  const showErrors = summary.comparisons.some((c) => c.errors > 0);
  const columns = showErrors ? [...WIN_RATE_COLUMNS, { head: 'errors', align: 'right' } as const] : WIN_RATE_COLUMNS;
  const rows = summary.comparisons.map((c): TableCell[] => {
    const raters = c.raters?.length ? ` (${c.raters.join(', ')})` : '';
    return [
      `${c.a} vs ${c.b}`,
      `${c.judge}${raters}`,
      c.n,
      `${c.wins}/${c.losses}/${c.ties}`,
      formatPercent(c.winRate),
      c.n ? `${formatPercent(c.low)}–${formatPercent(c.high)}${c.intervalMethod === 'bootstrap' ? '*' : ''}` : '—',
      c.consistencyRate === undefined ? '—' : formatPercent(c.consistencyRate),
      c.avgLengthA === undefined ? '—' : `${length(c.avgLengthA)}/${length(c.avgLengthB)}`,
      ...(showErrors ? [c.errors] : []),
    ];
  });
  return renderTable(columns, rows, width, { compact: false });
}

const RATING_COLUMNS: TableColumn[] = [
  { head: 'rank', align: 'right' },
  { head: 'system', wrap: true },
  { head: 'rating', align: 'right' },
  { head: '95% CI', align: 'right' },
  { head: 'rank range', align: 'right', dropOrder: 2 },
  { head: 'wins/losses/ties', align: 'right', dropOrder: 1 },
];

/** Bradley–Terry ratings, best first, one table per judge. */
function renderRatingsTable(ratings: PairwiseSummary['ratings'][number], width?: number): FittedTable {
  const rows = ratings.ratings.map((r): TableCell[] => [
    r.rank,
    r.system,
    Math.round(r.rating),
    `${Math.round(r.low)}–${Math.round(r.high)}`,
    r.rankLow === r.rankHigh ? String(r.rankLow) : `${r.rankLow}–${r.rankHigh}`,
    `${r.wins}/${r.losses}/${r.ties}`,
  ]);
  return renderTable(RATING_COLUMNS, rows, width, { compact: false });
}

/** One line per pair of judges: `human:ana vs llm:openai:gpt-4o: 80.0% agree, κ 0.62, 10 shared pairs`. */
export function renderAgreement(summary: PairwiseSummary): string[] {
  return summary.agreement.map((g) => {
    const kappa = g.kappa === null ? 'κ —' : `κ ${g.kappa.toFixed(2)}`;
    return `${g.judges[0]} vs ${g.judges[1]}: ${formatPercent(g.agreement)} agree, ${kappa}, ${g.shared} shared pair${g.shared === 1 ? '' : 's'}`;
  });
}

/** Everything, as the terminal shows it after judging; `dropped`: columns left out to fit `width`. */
export function renderPairwiseSummary(summary: PairwiseSummary, width?: number): FittedTable {
  if (!summary.comparisons.length) return { text: 'No judgments yet.', dropped: [] };
  const tables = [renderWinRateTable(summary, width)];
  // Tables come fitted; only the prose between them is wrapped.
  const prose = (text: string) => wrapProse(text, width);
  const parts = [tables[0].text];
  if (summary.comparisons.some((c) => c.intervalMethod === 'bootstrap')) parts.push(prose('* case-clustered bootstrap interval (a case was judged more than once)'));
  for (const ratings of summary.ratings) {
    const table = renderRatingsTable(ratings, width);
    tables.push(table);
    parts.push('', prose(`Ratings (Bradley–Terry, ${ratings.judge})`), table.text);
  }
  const agreement = renderAgreement(summary);
  if (agreement.length) parts.push('', 'Agreement', ...agreement.map(prose));
  return { text: parts.join('\n'), dropped: [...new Set(tables.flatMap((t) => t.dropped))] };
}
