import { formatPercent } from '../format.js';
import type { Trend } from '../history/trend.js';
import { escapeHtml } from '../report/html-escape.js';

// A rate over runs as inline SVG, in the style of report.html's charts (report/html-chart.ts): one
// line and one point per run for each series, the y axis 0–100% (a chart that zooms in makes a
// 1-point wobble look like a fall), and the latest run's 95% interval as a whisker. Each point keeps
// its run id and exact rate in data attributes, and links to that run's report.html when it exists.
// The legend is HTML above the SVG, so long names wrap instead of running off the chart.

const LEFT = 44;
const PLOT_WIDTH = 660;
const PLOT_HEIGHT = 150;
const TOP = 10;
const RIGHT = 16;
const BOTTOM = 22;
/** Series colours (classes s0…s7 in the dashboard's style); a ninth series reuses the first. */
export const SERIES_COLOURS = 8;

export interface TrendChartOptions {
  /** What the chart shows, for screen readers: `Pass rate per system`. */
  label: string;
  /** The runs on the x axis, oldest first: every series' points are among them. */
  runs: string[];
  series: Trend[];
  /** A dashed line at this rate (50% for win rates: no better than the other side). */
  reference?: number;
  /** Each series' colour (an index into the palette), so a system keeps its colour across charts; default its position. */
  colours?: number[];
  /** The relative link to a run's report.html, or undefined when there is none. */
  reportOf: (runId: string) => string | undefined;
}

// Whole pixels: finer positions cannot be seen, and every digit is paid for once per point.
const y = (rate: number) => TOP + Math.round((1 - Math.min(1, Math.max(0, rate))) * PLOT_HEIGHT);

export function renderTrendChart(options: TrendChartOptions): string {
  const { runs, series } = options;
  const step = runs.length > 1 ? PLOT_WIDTH / (runs.length - 1) : 0;
  const xOf = new Map(runs.map((runId, i) => [runId, Math.round(LEFT + (runs.length > 1 ? i * step : PLOT_WIDTH / 2))]));
  const width = LEFT + PLOT_WIDTH + RIGHT;
  const height = TOP + PLOT_HEIGHT + BOTTOM;
  const parts: string[] = [];
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    parts.push(
      `<line class="grid" x1="${LEFT}" y1="${y(tick)}" x2="${LEFT + PLOT_WIDTH}" y2="${y(tick)}"></line><text x="${LEFT - 6}" y="${y(tick) + 4}" text-anchor="end">${formatPercent(tick, 0)}</text>`,
    );
  }
  if (options.reference !== undefined) parts.push(`<line class="reference" x1="${LEFT}" y1="${y(options.reference)}" x2="${LEFT + PLOT_WIDTH}" y2="${y(options.reference)}"></line>`);
  parts.push(`<text class="runs" x="${LEFT}" y="${height - 6}">${escapeHtml(`${runs.length} run${runs.length === 1 ? '' : 's'}, oldest left`)}</text>`);
  series.forEach((trend, index) => {
    const colour = `s${(options.colours?.[index] ?? index) % SERIES_COLOURS}`;
    const scored = trend.points.filter((p) => p.rate !== null && xOf.has(p.runId));
    const line = scored.map((p) => `${xOf.get(p.runId)},${y(p.rate as number)}`).join(' ');
    const dots = scored.map((p) => {
      const dot = `<circle cx="${xOf.get(p.runId)}" cy="${y(p.rate as number)}" r="3" data-run="${escapeHtml(p.runId)}" data-rate="${p.rate}"><title>${escapeHtml(`${trend.name} ${formatPercent(p.rate)} · ${p.runId}`)}</title></circle>`;
      const href = options.reportOf(p.runId);
      return href ? `<a href="${escapeHtml(href)}">${dot}</a>` : dot;
    });
    const latest = scored[scored.length - 1];
    const whisker = latest ? `<line class="ci" x1="${xOf.get(latest.runId)}" y1="${y(latest.low)}" x2="${xOf.get(latest.runId)}" y2="${y(latest.high)}"></line>` : '';
    parts.push(`<g class="series ${colour}" data-series="${escapeHtml(trend.name)}"><polyline points="${line}"></polyline>${whisker}${dots.join('')}</g>`);
  });
  const legend = series.map(
    (trend, index) => `<span class="legend-item"><span class="swatch s${index % SERIES_COLOURS}"></span>${escapeHtml(trend.name)} ${escapeHtml(formatPercent(trend.last))}</span>`,
  );
  const svg = `<svg class="chart trend" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeHtml(options.label)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${parts.join('')}</svg>`;
  return `<div class="chart-legend">${legend.join('')}</div>${svg}`;
}
