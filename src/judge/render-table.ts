import Table from 'cli-table3';
import { formatPercent } from '../format.js';
import type { PairwiseSummary } from './summarize.js';

// The terminal view of a PairwiseSummary: win rates, ratings, agreement. Plain text (colour is
// the CLI's choice); shared by `evals judge` and `evals winrate`.

const plain = { head: [], border: [] };

function length(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : String(Math.round(value));
}

/** One row per comparison and judge. */
function renderWinRateTable(summary: PairwiseSummary): string {
  const showErrors = summary.comparisons.some((c) => c.errors > 0);
  const table = new Table({
    head: ['comparison', 'judge', 'n', 'wins/losses/ties', 'win rate', '95% CI', 'consistency', 'avg length a/b', ...(showErrors ? ['errors'] : [])],
    style: plain,
    colAligns: ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
  });
  for (const c of summary.comparisons) {
    const raters = c.raters?.length ? ` (${c.raters.join(', ')})` : '';
    table.push([
      `${c.a} vs ${c.b}`,
      `${c.judge}${raters}`,
      c.n,
      `${c.wins}/${c.losses}/${c.ties}`,
      formatPercent(c.winRate),
      c.n ? `${formatPercent(c.low)}–${formatPercent(c.high)}${c.intervalMethod === 'bootstrap' ? '*' : ''}` : '—',
      c.consistencyRate === undefined ? '—' : formatPercent(c.consistencyRate),
      c.avgLengthA === undefined ? '—' : `${length(c.avgLengthA)}/${length(c.avgLengthB)}`,
      ...(showErrors ? [c.errors] : []),
    ]);
  }
  return table.toString();
}

/** Bradley–Terry ratings, best first, one table per judge. */
function renderRatingsTable(ratings: PairwiseSummary['ratings'][number]): string {
  const table = new Table({ head: ['rank', 'system', 'rating', '95% CI', 'rank range', 'wins/losses/ties'], style: plain, colAligns: ['right', 'left', 'right', 'right', 'right', 'right'] });
  for (const r of ratings.ratings) {
    table.push([
      r.rank,
      r.system,
      Math.round(r.rating),
      `${Math.round(r.low)}–${Math.round(r.high)}`,
      r.rankLow === r.rankHigh ? String(r.rankLow) : `${r.rankLow}–${r.rankHigh}`,
      `${r.wins}/${r.losses}/${r.ties}`,
    ]);
  }
  return table.toString();
}

/** One line per pair of judges: `human:ana vs llm:openai:gpt-4o: 80.0% agree, κ 0.62, 10 shared pairs`. */
export function renderAgreement(summary: PairwiseSummary): string[] {
  return summary.agreement.map((g) => {
    const kappa = g.kappa === null ? 'κ —' : `κ ${g.kappa.toFixed(2)}`;
    return `${g.judges[0]} vs ${g.judges[1]}: ${formatPercent(g.agreement)} agree, ${kappa}, ${g.shared} shared pair${g.shared === 1 ? '' : 's'}`;
  });
}

/** Everything, as the terminal shows it after judging. */
export function renderPairwiseSummary(summary: PairwiseSummary): string {
  if (!summary.comparisons.length) return 'No judgments yet.';
  const parts = [renderWinRateTable(summary)];
  if (summary.comparisons.some((c) => c.intervalMethod === 'bootstrap')) parts.push('* case-clustered bootstrap interval (a case was judged more than once)');
  for (const ratings of summary.ratings) parts.push('', `Ratings (Bradley–Terry, ${ratings.judge})`, renderRatingsTable(ratings));
  const agreement = renderAgreement(summary);
  if (agreement.length) parts.push('', 'Agreement', ...agreement);
  return parts.join('\n');
}
