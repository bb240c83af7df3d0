import { HTML_STYLE } from '../report/html-style.js';
import { SERIES_COLOURS } from './trend-chart.js';

// report.html's stylesheet (colours, tables, chart text, legends) plus the trend charts' lines and
// series colours. Inlined: the page makes no request.

const PALETTE = ['#0969da', '#bf3989', '#1a7f37', '#9a6700', '#8250df', '#cf222e', '#1b7c83', '#6e7781'].slice(0, SERIES_COLOURS);

export const DASHBOARD_STYLE = [
  HTML_STYLE,
  `.chart.trend .grid { stroke: var(--line); } .chart.trend .reference { stroke: var(--muted); stroke-dasharray: 4 3; }
.chart.trend polyline { fill: none; stroke-width: 1.5; } .chart.trend .ci { stroke-width: 3; opacity: .45; } .chart.trend .runs { fill: var(--muted); }
section.suite { margin-top: 36px; } section.suite h2 { font-size: 19px; }
ul.regressions li { color: var(--fail); }`,
  ...PALETTE.map((colour, i) => `.s${i} polyline, .s${i} .ci { stroke: ${colour}; } .s${i} circle { fill: ${colour}; } .swatch.s${i} { background: ${colour}; }`),
].join('\n');
