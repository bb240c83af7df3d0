import { renderAgreement } from '../judge/render-table.js';
import type { PairwiseSummary, RatingsSummary } from '../judge/summarize.js';
import { formatPercent } from '../format.js';
import { escapeHtmlText } from './html-escape.js';
import { renderWinRateChart } from './html-pairwise-chart.js';
import { formatLengths, formatWinRate, judgeLabel, lostJudgments, verdictLabel } from './pairwise-view.js';
import type { ReportData } from './report-data.js';

const MAX_LOST_LINKS = 100;

/** Styles of the pairwise section, chart and per-case view; appended to the report's stylesheet. */
export const PAIRWISE_STYLE = `
.pw-chart .pw-bar { fill: #0969da; opacity: .35; } .pw-chart .pw-whisker { stroke: var(--fg); stroke-width: 2; } .pw-chart .pw-dot { fill: #0969da; }
.pw-chart .pw-fifty { stroke: var(--fail); stroke-dasharray: 4 3; } .pw-chart .pw-judge { fill: var(--muted); font-size: 11px; }
td.pairwise { min-width: 32em; } table.ratings-table { width: auto; }
.pw-pair { border: 1px solid var(--line); border-radius: 6px; padding: 4px 8px; margin: 4px 0; }
.pw-pair > summary { cursor: pointer; font-weight: 600; }
.pw-outputs { display: grid; grid-template-columns: 1fr 1fr; gap: 8px; margin: 6px 0; }
.pw-outputs > div { border: 1px solid var(--line); border-radius: 4px; padding: 4px 6px; min-width: 0; }
.pw-judgment { border-top: 1px dashed var(--line); padding-top: 4px; margin-top: 4px; }
.pw-final { font-weight: 600; } .pw-lost { color: var(--fail); } .pw-inconsistent { color: #9a6700; }
ol.pw-orders { margin: 4px 0; padding-left: 20px; font-size: 12px; }
`;

const cell = (text: string | number, className = '') => `<td${className ? ` class="${className}"` : ''}>${escapeHtmlText(text)}</td>`;
const headRow = (names: string[], numericFrom: number) => `<tr>${names.map((h, i) => `<th${i >= numericFrom ? ' class="num"' : ''}>${escapeHtmlText(h)}</th>`).join('')}</tr>`;

function comparisonTable(summary: PairwiseSummary): string {
  const errors = summary.comparisons.some((c) => c.errors > 0);
  const strong = summary.comparisons.some((c) => c.strongWins + c.strongLosses > 0);
  const head = ['comparison', 'judge', 'n', 'wins/losses/ties', ...(strong ? ['much better w/l'] : []), 'win rate [95% CI]', 'consistency', 'avg length a/b', ...(errors ? ['errors'] : [])];
  const rows = summary.comparisons.map((c) =>
    [
      '<tr>',
      cell(`${c.a} vs ${c.b}`),
      cell(judgeLabel(c)),
      cell(c.n, 'num'),
      cell(`${c.wins}/${c.losses}/${c.ties}`, 'num'),
      ...(strong ? [cell(`${c.strongWins}/${c.strongLosses}`, 'num')] : []),
      cell(formatWinRate(c), 'num'),
      cell(c.consistencyRate === undefined ? '—' : formatPercent(c.consistencyRate), 'num'),
      cell(formatLengths(c), 'num'),
      ...(errors ? [cell(c.errors, 'num')] : []),
      '</tr>',
    ].join(''),
  );
  return `<table id="pairwise-table"><thead>${headRow(head, 2)}</thead><tbody>${rows.join('')}</tbody></table>`;
}

function ratingsTable(ratings: RatingsSummary): string {
  const rows = ratings.ratings.map((r) =>
    [
      '<tr>',
      cell(r.rank, 'num'),
      cell(r.system),
      cell(Math.round(r.rating), 'num'),
      cell(`${Math.round(r.low)}–${Math.round(r.high)}`, 'num'),
      cell(r.rankLow === r.rankHigh ? String(r.rankLow) : `${r.rankLow}–${r.rankHigh}`, 'num'),
      cell(`${r.wins}/${r.losses}/${r.ties}`, 'num'),
      '</tr>',
    ].join(''),
  );
  const head = `<tr><th class="num">rank</th><th>system</th>${['rating', '95% CI', 'rank range', 'wins/losses/ties'].map((h) => `<th class="num">${escapeHtmlText(h)}</th>`).join('')}</tr>`;
  return `<h3>Ratings (Bradley–Terry, ${escapeHtmlText(ratings.judge)})</h3><table class="ratings-table"><thead>${head}</thead><tbody>${rows.join('')}</tbody></table>`;
}

function lostList(data: ReportData, anchors: Map<string, string>): string {
  const lost = lostJudgments(data);
  if (!lost.length) return '';
  const items = lost.slice(0, MAX_LOST_LINKS).map((record) => {
    const anchor = anchors.get(record.caseId);
    // Anchors are generated (`case-12`), never taken from the data, so no id can become a URL.
    const id = anchor ? `<a href="#${anchor}">${escapeHtmlText(record.caseId)}</a>` : escapeHtmlText(record.caseId);
    const repeat = record.repeat ? ` (repeat ${record.repeat + 1})` : '';
    return `<li>${id}${escapeHtmlText(`${repeat}: ${record.a} vs ${record.b}, ${record.judge}: ${verdictLabel(record)}`)}</li>`;
  });
  const more = lost.length > MAX_LOST_LINKS ? `<li>… ${lost.length - MAX_LOST_LINKS} more</li>` : '';
  return `<h3>Cases lost or judged inconsistently</h3><ul id="pairwise-lost">${items.join('')}${more}</ul>`;
}

/** Cases a comparison with the champion could not judge, or that there was none yet (champion-notes.ts). */
function championList(data: ReportData): string {
  if (!data.championNotes.length) return '';
  return `<ul id="pairwise-champion">${data.championNotes.map((note) => `<li>${escapeHtmlText(note)}</li>`).join('')}</ul>`;
}

/**
 * The pairwise section of report.html: win-rate table and chart, what the champion could not be
 * judged on, Bradley–Terry ratings, agreement between judges, and links to the cases the first
 * system lost. Empty when nothing was judged and there is nothing to say about a champion.
 */
export function renderPairwiseSection(data: ReportData, anchors: Map<string, string>): string {
  const summary = data.pairwise;
  const champion = championList(data);
  if (!summary?.comparisons.length) return champion ? `<section id="pairwise"><h2>Pairwise comparisons</h2>${champion}</section>` : '';
  const bootstrap = summary.comparisons.some((c) => c.intervalMethod === 'bootstrap') ? '<p class="note">* case-clustered bootstrap interval (a case was judged more than once)</p>' : '';
  const agreement = renderAgreement(summary);
  return [
    '<section id="pairwise"><h2>Pairwise comparisons</h2>',
    comparisonTable(summary),
    champion,
    bootstrap,
    '<p class="note">Win rate = (wins + ties/2) / n from the first system’s side, with a 95% interval. An LLM judge sees each pair in both orders; a pair whose two verdicts differ counts as a tie ("inconsistent"). Average output length in characters shows verbosity bias.</p>',
    renderWinRateChart(summary.comparisons),
    ...summary.ratings.map(ratingsTable),
    agreement.length ? `<h3>Agreement</h3><ul id="pairwise-agreement">${agreement.map((line) => `<li>${escapeHtmlText(line)}</li>`).join('')}</ul>` : '',
    lostList(data, anchors),
    '</section>',
  ].join('');
}
