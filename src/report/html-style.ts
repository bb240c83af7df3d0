// The report's only stylesheet, inlined: the file must open offline and make no request.
export const HTML_STYLE = `
:root { color-scheme: light dark; --fg: #1f2328; --muted: #656d76; --bg: #fff; --line: #d0d7de; --pass: #1a7f37; --fail: #cf222e; --error: #6e7781; --head: #f6f8fa; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --muted: #8d96a0; --bg: #0d1117; --line: #30363d; --pass: #3fb950; --fail: #f85149; --error: #8b949e; --head: #161b22; } }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1600px; padding: 24px; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
.meta, .note { color: var(--muted); }
.verdict { font-size: 16px; font-weight: 600; margin: 8px 0; }
.verdict.pass, .status-pass { color: var(--pass); } .verdict.fail, .status-fail { color: var(--fail); } .status-error { color: var(--error); }
.verdict.none { color: var(--error); }
table { border-collapse: collapse; width: 100%; margin: 8px 0; }
th, td { border: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top; }
th { background: var(--head); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
pre { margin: 4px 0; white-space: pre-wrap; word-break: break-word; font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, monospace; max-height: 24em; overflow: auto; }
.badge { display: inline-block; padding: 0 6px; border-radius: 10px; font-size: 12px; font-weight: 600; border: 1px solid currentColor; }
.transition { font-size: 12px; color: var(--muted); margin-left: 4px; }
.transition-regressed { color: var(--fail); font-weight: 600; } .transition-fixed { color: var(--pass); font-weight: 600; }
ul.reasons { margin: 4px 0; padding-left: 18px; font-size: 12px; }
ul.tools { margin: 4px 0; padding-left: 18px; font: 12px ui-monospace, monospace; }
.pm dt { font-weight: 600; font-size: 12px; color: var(--muted); } .pm dd { margin: 0 0 6px; white-space: pre-wrap; }
.filters { display: flex; gap: 8px; flex-wrap: wrap; align-items: center; margin: 8px 0; position: sticky; top: 0; background: var(--bg); padding: 6px 0; z-index: 1; }
.filters input { min-width: 260px; padding: 4px 6px; } .filters select { padding: 4px; }
.chart text { fill: var(--fg); font-size: 12px; } .chart .bar-before { fill: var(--error); opacity: .55; } .chart .bar-after { fill: #0969da; } .chart .axis { stroke: var(--line); }
ul.warnings li { color: #9a6700; }
/* A control or bidi character from the data, shown as its code point (html-escape.ts): boxed and small so it reads as a marker, never as the text. */
.control { display: inline-block; font: 10px/1.2 ui-monospace, SFMono-Regular, Menlo, monospace; color: var(--fail); border: 1px dashed currentColor; border-radius: 3px; padding: 0 2px; margin: 0 1px; vertical-align: 1px; unicode-bidi: isolate; direction: ltr; }
pre.diff .add { color: var(--pass); } pre.diff .del { color: var(--fail); } pre.diff .hunk { color: var(--muted); }
svg.chart { max-width: 100%; height: auto; }
.chart-legend { display: flex; flex-wrap: wrap; gap: 4px 24px; margin: 4px 0; font-size: 12px; }
.chart-legend .legend-item { overflow-wrap: anywhere; min-width: 0; } .chart-legend code { font-size: 12px; }
.chart-legend .swatch { display: inline-block; width: 12px; height: 12px; margin-right: 6px; vertical-align: -1px; }
.chart-legend .bar-after { background: #0969da; } .chart-legend .bar-before { background: var(--error); opacity: .55; }
/* Phones: tables scroll sideways on their own instead of widening the page, and case columns keep a readable width. */
@media (max-width: 760px) {
  body { padding: 12px; }
  table { display: block; overflow-x: auto; width: auto; max-width: 100%; }
  #cases td, #cases th { min-width: 16em; }
  .filters { position: static; }
  .filters input { min-width: 0; flex: 1 1 100%; }
}
`;
