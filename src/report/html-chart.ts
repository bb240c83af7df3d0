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

// SVG text is neither measured before it is drawn nor wrapped, and a label is anchored at its end
// left of the bars: a long system name ran off the chart's left edge. Names that may not fit are cut
// with an ellipsis by an estimate of their width at the chart's 12px font (wide glyphs counted as
// wide), and the whole name is the label's tooltip.
const LABEL_ROOM = LABEL_WIDTH - 14;

function glyphWidth(char: string): number {
  const code = char.codePointAt(0)!;
  if (
    code >= 0x1100 &&
    (code <= 0x115f ||
      (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      code >= 0x1f300)
  )
    return 12;
  return /[A-Z@#%&MWmw]/.test(char) ? 9.5 : 7;
}

/** The label as drawn (cut to fit, with `…`), and whether it was cut. */
function fittedLabel(name: string): { shown: string; cut: boolean } {
  const chars = [...name];
  let used = 0;
  for (let i = 0; i < chars.length; i++) {
    used += glyphWidth(chars[i]);
    if (used > LABEL_ROOM) {
      const kept: string[] = chars.slice(0, i);
      while (kept.length && kept.reduce((sum, c) => sum + glyphWidth(c), 0) + 7 > LABEL_ROOM) kept.pop();
      return { shown: kept.join('') + '…', cut: true };
    }
  }
  return { shown: name, cut: false };
}

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
    const label = fittedLabel(s.system);
    const tooltip = label.cut ? `<title>${escapeHtml(s.system)}</title>` : '';
    parts.push(`<text class="label" x="${LABEL_WIDTH - 8}" y="${middle}" text-anchor="end">${tooltip}${escapeHtml(label.shown)}</text>`);
    parts.push(bar(top, s.after, 'bar-after', `${s.system}: ${formatPercent(s.after)} in this run`));
    if (withBefore) parts.push(bar(top + BAR_HEIGHT, s.before, 'bar-before', `${s.system}: ${formatPercent(s.before)} in the baseline run`));
  });
  parts.push(`<line class="axis" x1="${LABEL_WIDTH}" y1="${TOP - 4}" x2="${LABEL_WIDTH}" y2="${height - 4}"></line>`);
  const label = `Pass rate per system${withBefore ? ', this run and the baseline run' : ''}`;
  const svg = `<svg class="chart" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeHtml(label)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${parts.join('')}</svg>`;
  return `<div class="chart-legend">${legend.join('')}</div>${svg}`;
}
