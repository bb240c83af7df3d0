import type { ComparisonSummary } from '../judge/summarize.js';
import { formatPercent } from '../format.js';
import { escapeHtml } from './html-escape.js';
import { formatWinRate, judgeLabel } from './pairwise-view.js';

// Win rate per comparison as inline SVG: a bar to the win rate, a whisker over the 95% interval
// and a dashed line at 50%, so "wins over the previous model" reads as "the whisker clears the
// line". Inline so the report needs no chart library and makes no request.

const LABEL_WIDTH = 260;
const AXIS_WIDTH = 420;
const ROW = 34;
const BAR = 14;
const TOP = 8;
const AXIS = 24;
const VALUE_WIDTH = 170;

/** Labels longer than this would run off the chart's left edge; the tooltip has the whole name. */
const LABEL_CHARS = 40;
const short = (text: string) => (text.length > LABEL_CHARS ? `${text.slice(0, LABEL_CHARS - 1)}…` : text);

const x = (rate: number) => LABEL_WIDTH + Math.round(Math.min(1, Math.max(0, rate)) * AXIS_WIDTH);

function comparisonRow(c: ComparisonSummary, index: number): string {
  const top = TOP + index * ROW;
  const middle = top + BAR / 2;
  const parts = [
    `<text x="${LABEL_WIDTH - 8}" y="${top + 10}" text-anchor="end">${escapeHtml(short(`${c.a} vs ${c.b}`))}</text>`,
    `<text class="pw-judge" x="${LABEL_WIDTH - 8}" y="${top + 24}" text-anchor="end">${escapeHtml(short(judgeLabel(c)))}</text>`,
  ];
  if (c.winRate === null || !c.n) {
    parts.push(`<text x="${LABEL_WIDTH + 6}" y="${top + 11}">not judged</text>`);
    return `<g class="pw-row">${parts.join('')}</g>`;
  }
  const title = `<title>${escapeHtml(`${c.a} vs ${c.b} (${judgeLabel(c)}): ${formatWinRate(c)}, n = ${c.n}`)}</title>`;
  const [low, high] = [x(c.low), x(c.high)];
  parts.push(
    `<rect class="pw-bar" x="${LABEL_WIDTH}" y="${top}" width="${Math.max(1, x(c.winRate) - LABEL_WIDTH)}" height="${BAR}">${title}</rect>`,
    `<line class="pw-whisker" x1="${low}" y1="${middle}" x2="${high}" y2="${middle}"></line>`,
    `<line class="pw-whisker" x1="${low}" y1="${top + 2}" x2="${low}" y2="${top + BAR - 2}"></line>`,
    `<line class="pw-whisker" x1="${high}" y1="${top + 2}" x2="${high}" y2="${top + BAR - 2}"></line>`,
    `<circle class="pw-dot" cx="${x(c.winRate)}" cy="${middle}" r="4">${title}</circle>`,
    `<text class="pw-value" x="${LABEL_WIDTH + AXIS_WIDTH + 10}" y="${top + 11}">${escapeHtml(formatWinRate(c))}</text>`,
  );
  return `<g class="pw-row">${parts.join('')}</g>`;
}

function axis(bottom: number): string {
  const ticks = [0, 0.25, 0.5, 0.75, 1].map(
    (t) => `<line class="axis" x1="${x(t)}" y1="${bottom}" x2="${x(t)}" y2="${bottom + 4}"></line><text x="${x(t)}" y="${bottom + 16}" text-anchor="middle">${formatPercent(t, 0)}</text>`,
  );
  return [`<line class="axis" x1="${LABEL_WIDTH}" y1="${bottom}" x2="${LABEL_WIDTH + AXIS_WIDTH}" y2="${bottom}"></line>`, ...ticks].join('');
}

/** The win-rate chart for every comparison row of a PairwiseSummary. */
export function renderWinRateChart(comparisons: readonly ComparisonSummary[]): string {
  const bottom = TOP + comparisons.length * ROW;
  const height = bottom + AXIS;
  const width = LABEL_WIDTH + AXIS_WIDTH + VALUE_WIDTH;
  const fifty = `<line class="pw-fifty" x1="${x(0.5)}" y1="${TOP - 4}" x2="${x(0.5)}" y2="${bottom}"><title>50%: no better than the other system</title></line>`;
  const rows = comparisons.map(comparisonRow).join('');
  const label = 'Win rate per comparison with 95% interval whiskers; the dashed line is 50%';
  return `<svg class="chart pw-chart" id="win-rate-chart" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeHtml(label)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${rows}${fifty}${axis(bottom)}</svg>`;
}
