import { formatPercent } from '../format.js';
import { escapeHtml, escapeHtmlText } from './html-escape.js';

export interface ChartSeries {
  system: string;
  /** Pass rate in the baseline run (null: unknown or not scored). */
  before: number | null;
  after: number | null;
}

const LABEL_WIDTH = 170;
const BAR_WIDTH = 420;
const BAR_HEIGHT = 16;
const GAP = 12;
const TOP = 6;

function bar(y: number, rate: number | null, className: string, title: string): string {
  const width = rate === null ? 0 : Math.max(1, Math.round(rate * BAR_WIDTH));
  return [
    `<rect class="${className}" x="${LABEL_WIDTH}" y="${y}" width="${width}" height="${BAR_HEIGHT}"><title>${escapeHtml(title)}</title></rect>`,
    `<text x="${LABEL_WIDTH + width + 6}" y="${y + BAR_HEIGHT - 4}">${escapeHtml(formatPercent(rate))}</text>`,
  ].join('');
}

/**
 * Pass rate per system as inline SVG bars: this run, and the baseline run beside it when known.
 * Inline so the report needs no chart library and makes no request. The legend, which carries the
 * run ids, is HTML above the SVG rather than SVG text: SVG text neither wraps nor is measured
 * before it is drawn, so long ids were cut off at the chart's edge; HTML wraps them whole.
 */
export function renderPassRateChart(series: ChartSeries[], runLabel: string, baselineLabel: string | null): string {
  const withBefore = baselineLabel !== null;
  const group = (withBefore ? 2 : 1) * BAR_HEIGHT + GAP;
  const height = TOP + series.length * group + 8;
  const width = LABEL_WIDTH + BAR_WIDTH + 70;
  const legend = [`<span class="legend-item"><span class="swatch bar-after"></span>this run <code>${escapeHtmlText(runLabel)}</code></span>`];
  if (withBefore) legend.push(`<span class="legend-item"><span class="swatch bar-before"></span>baseline <code>${escapeHtmlText(baselineLabel)}</code></span>`);
  const parts: string[] = [];
  series.forEach((s, i) => {
    const top = TOP + i * group;
    const middle = top + ((withBefore ? 2 : 1) * BAR_HEIGHT) / 2 + 4;
    parts.push(`<text x="${LABEL_WIDTH - 8}" y="${middle}" text-anchor="end">${escapeHtml(s.system)}</text>`);
    parts.push(bar(top, s.after, 'bar-after', `${s.system}: ${formatPercent(s.after)} in this run`));
    if (withBefore) parts.push(bar(top + BAR_HEIGHT, s.before, 'bar-before', `${s.system}: ${formatPercent(s.before)} in the baseline run`));
  });
  parts.push(`<line class="axis" x1="${LABEL_WIDTH}" y1="${TOP - 4}" x2="${LABEL_WIDTH}" y2="${height - 4}"></line>`);
  const label = `Pass rate per system${withBefore ? ', this run and the baseline run' : ''}`;
  const svg = `<svg class="chart" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeHtml(label)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${parts.join('')}</svg>`;
  return `<div class="chart-legend">${legend.join('')}</div>${svg}`;
}
