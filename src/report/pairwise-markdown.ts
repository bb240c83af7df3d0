import { renderAgreement } from '../judge/render-table.js';
import type { PairwiseSummary } from '../judge/summarize.js';
import { lastUserMessage, truncate } from './case-view.js';
import { formatPercent } from '../format.js';
import { markdownCell, markdownInline, markdownNote } from './markdown-escape.js';
import { formatLengths, formatWinRate, lostJudgments, orderPositions, orderVerdictText, reasoningText, verdictLabel } from './pairwise-view.js';
import type { ReportData } from './report-data.js';
import { fewNames, firstRows, MAX_SECTION_ROWS } from './markdown-limit.js';

/** Keeps a PR comment well inside its 65,536 characters; the rest is in report.html. */
const MAX_LOST_ROWS = 20;
const INPUT_CHARS = 120;
const REASON_CHARS = 240;

const row = (cells: Array<string | number>) => `| ${cells.join(' | ')} |`;
const align = (kinds: string) => `|${[...kinds].map((k) => (k === 'r' ? ' ---: ' : ' --- ')).join('|')}|`;

function comparisonTable(summary: PairwiseSummary): string[] {
  const errors = summary.comparisons.some((c) => c.errors > 0);
  const strong = summary.comparisons.some((c) => c.strongWins + c.strongLosses > 0);
  const head = ['comparison', 'judge', 'n', 'wins/losses/ties', ...(strong ? ['much better w/l'] : []), 'win rate [95% CI]', 'consistency', 'avg length a/b', ...(errors ? ['errors'] : [])];
  const { shown, more } = firstRows(summary.comparisons, 'comparisons');
  const rows = shown.map((c) =>
    row([
      `${markdownCell(c.a)} vs ${markdownCell(c.b)}`,
      // Every rater is named in report.html; here a long list would make one cell of the table a page.
      markdownCell(c.raters?.length ? `${c.judge} (${fewNames(c.raters)})` : c.judge),
      c.n,
      `${c.wins}/${c.losses}/${c.ties}`,
      ...(strong ? [`${c.strongWins}/${c.strongLosses}`] : []),
      formatWinRate(c),
      c.consistencyRate === undefined ? '—' : formatPercent(c.consistencyRate),
      formatLengths(c),
      ...(errors ? [c.errors] : []),
    ]),
  );
  return [row(head), align(`ll${'r'.repeat(head.length - 2)}`), ...rows, ...more];
}

function notes(summary: PairwiseSummary): string[] {
  const lines = [
    '',
    'Win rate = (wins + ties/2) / n from the first system’s side, with a 95% Wilson interval. An LLM judge sees each pair in both orders; when the two verdicts differ the pair counts as a tie ("inconsistent"), and consistency is the share whose orders agreed. Average output length in characters shows verbosity bias.',
  ];
  if (summary.comparisons.some((c) => c.intervalMethod === 'bootstrap')) lines.push('', '\\* case-clustered bootstrap interval (a case was judged more than once)');
  return lines;
}

/** At most this many judges' ratings tables; each shows the top MAX_SECTION_ROWS systems. */
const MAX_RATINGS_TABLES = 5;

function ratingsTables(summary: PairwiseSummary): string[] {
  const tables = firstRows(summary.ratings, 'judges’ ratings', MAX_RATINGS_TABLES);
  const lines = tables.shown.flatMap((r) => [
    '',
    `#### Ratings (Bradley–Terry, ${markdownInline(r.judge)})`,
    '',
    row(['rank', 'system', 'rating', '95% CI', 'rank range', 'wins/losses/ties']),
    align('rlrrrr'),
    ...firstRows(r.ratings, 'systems').shown.map((s) =>
      row([
        s.rank,
        markdownCell(s.system),
        Math.round(s.rating),
        `${Math.round(s.low)}–${Math.round(s.high)}`,
        s.rankLow === s.rankHigh ? String(s.rankLow) : `${s.rankLow}–${s.rankHigh}`,
        `${s.wins}/${s.losses}/${s.ties}`,
      ]),
    ),
    ...firstRows(r.ratings, 'systems').more,
  ]);
  return [...lines, ...tables.more];
}

/**
 * One line per pair of judges grows with the square of the raters: past MAX_SECTION_ROWS, the pairs
 * that share the most judged pairs (the best-supported figures) are shown, and the count of the rest.
 */
function agreementLines(summary: PairwiseSummary): string[] {
  if (!summary.agreement.length) return [];
  const capped = summary.agreement.length > MAX_SECTION_ROWS;
  const ordered = capped ? [...summary.agreement].sort((x, y) => y.shared - x.shared) : summary.agreement;
  const { shown, more } = firstRows(renderAgreement({ ...summary, agreement: ordered }), 'pairs of judges');
  const intro = capped ? ['', `The ${MAX_SECTION_ROWS} pairs of judges (of ${summary.agreement.length.toLocaleString('en-US')}) that judged the most pairs in common:`] : [];
  return ['', '#### Agreement', ...intro, '', ...shown.map((line) => `- ${markdownInline(line)}`), ...more];
}

/** Cases a comparison with the champion could not judge, or that there was none yet (champion-notes.ts). */
function championLines(data: ReportData): string[] {
  return data.championNotes.length ? ['', ...data.championNotes.map((note) => `- ${markdownNote(note)}`)] : [];
}

/**
 * The pairwise summary: win rates, ratings and agreement, and what the champion could not be judged
 * on. Empty when the run judged nothing and has nothing to say about a champion.
 */
export function pairwiseSummaryMarkdown(data: ReportData): string[] {
  const summary = data.pairwise;
  if (!summary?.comparisons.length) return data.championNotes.length ? ['', '### Pairwise comparisons', ...championLines(data)] : [];
  return ['', '### Pairwise comparisons', '', ...comparisonTable(summary), ...championLines(data), ...notes(summary), ...ratingsTables(summary), ...agreementLines(summary)];
}

function reasonCell(record: ReportData['judgments'][number]): string {
  if (record.orders?.length) {
    return record.orders.map((o) => markdownCell(truncate(`${orderPositions(record, o)}, ${orderVerdictText(record, o)}: ${o.reasoning}`, REASON_CHARS))).join('<br>');
  }
  return markdownCell(truncate(reasoningText(record), REASON_CHARS));
}

/** Cases where the first system lost, or the judge contradicted itself, capped so a PR comment stays small. */
export function pairwiseLostMarkdown(data: ReportData): string[] {
  const lost = lostJudgments(data);
  if (!lost.length) return [];
  const inconsistent = lost.filter((r) => r.consistent === false).length;
  const counts = [`${lost.length - inconsistent} lost`, ...(inconsistent ? [`${inconsistent} inconsistent`] : [])].join(', ');
  const lines = ['', '### Pairwise cases lost', '', `${counts} (case × comparison × judge)`, ''];
  lines.push(row(['case', 'comparison', 'judge', 'winner', 'input', 'reasoning']), align('llllll'));
  for (const record of lost.slice(0, MAX_LOST_ROWS)) {
    const kase = data.cases.get(record.caseId);
    const repeat = record.repeat ? ` (repeat ${record.repeat + 1})` : '';
    lines.push(
      row([
        markdownCell(record.caseId) + repeat,
        `${markdownCell(record.a)} vs ${markdownCell(record.b)}`,
        markdownCell(record.judge),
        markdownCell(verdictLabel(record)),
        markdownCell(truncate(kase ? lastUserMessage(kase) : '', INPUT_CHARS)),
        reasonCell(record),
      ]),
    );
  }
  if (lost.length > MAX_LOST_ROWS) lines.push('', `… ${lost.length - MAX_LOST_ROWS} more (see report.html)`);
  return lines;
}
