import { formatPercent } from '../format.js';
import type { HistoryRecord } from '../history/record.js';
import { escapeHtml, jsonForScript } from '../report/html-escape.js';
import { LISTED_RUNS, type SuiteView } from './collect.js';
import { DASHBOARD_STYLE } from './dashboard-style.js';
import { renderTrendChart } from './trend-chart.js';

/**
 * The page runs no script at all: everything is drawn when it is written, data enters only as escaped
 * text or as JSON in a data block, and nothing loads from anywhere (links are navigation, not loads).
 */
const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const cell = (text: string | number, className = '') => `<td${className ? ` class="${className}"` : ''}>${escapeHtml(text)}</td>`;
const rateText = (rate: number | null | undefined, low?: number, high?: number) =>
  `${formatPercent(rate)}${rate !== null && rate !== undefined && low !== undefined ? ` [${formatPercent(low)}–${formatPercent(high)}]` : ''}`;

/** `reports/index.html`: every suite's trends, champion, lineage and latest regressions on one page. */
export function renderDashboard(suites: SuiteView[], generatedAt: string): string {
  // Anchors are generated (`suite-3`), never taken from the data, so no name can become a URL.
  const anchor = (i: number) => `suite-${i + 1}`;
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(CONTENT_SECURITY_POLICY)}">`,
    '<meta name="referrer" content="no-referrer"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>evals dashboard</title><style>${DASHBOARD_STYLE}</style></head><body>`,
    `<header><h1>evals dashboard</h1><p class="meta">${escapeHtml(`${suites.length} suite${suites.length === 1 ? '' : 's'} · written ${generatedAt}`)}</p></header>`,
    overview(suites, anchor),
    ...suites.map((view, i) => suiteSection(view, anchor(i))),
    `<script type="application/json" id="dashboard-data">${jsonForScript(embedded(suites))}</script>`,
    '</body></html>',
    '',
  ].join('\n');
}

function overview(suites: SuiteView[], anchor: (i: number) => string): string {
  if (!suites.length) return '<p class="note" id="no-suites">No suite has a history yet: every <code>evals run</code> of a whole suite adds a record to reports/&lt;suite&gt;/history.jsonl.</p>';
  const rows = suites.map((view, i) => {
    const latest = view.window[view.window.length - 1];
    const systems = latest ? latest.systems.map((s) => `${s.name} ${formatPercent(s.passRate)}`).join(' · ') : '—';
    const regressions = latest ? latest.systems.reduce((n, s) => n + s.regressions, 0) : 0;
    return [
      '<tr>',
      `<td><a href="#${anchor(i)}">${escapeHtml(view.suite)}</a></td>`,
      cell(view.recorded, 'num'),
      cell(latest ? latest.time.slice(0, 16).replace('T', ' ') : '—'),
      cell(systems),
      cell(latest ? gateText(latest) : '—', latest && latest.gate.applied ? (latest.gate.passed ? 'status-pass' : 'status-fail') : ''),
      cell(regressions, regressions ? 'num status-fail' : 'num'),
      '</tr>',
    ].join('');
  });
  const head = ['suite', 'runs', 'latest run', 'pass rate (latest)', 'gate', 'regressions'].map((h) => `<th>${h}</th>`).join('');
  return `<section id="overview"><h2>Suites</h2><table id="suite-table"><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}

const gateText = (record: HistoryRecord) => (record.gate.applied ? (record.gate.passed ? 'passed' : 'failed') : 'not applied');

function suiteSection(view: SuiteView, id: string): string {
  const runs = view.window.map((r) => r.runId);
  const shown = view.window.length < view.recorded ? ` (the latest ${view.window.length} of ${view.recorded})` : '';
  const parts = [`<section class="suite" id="${id}" data-suite="${escapeHtml(view.suite)}"><h2>${escapeHtml(view.suite)}</h2>`];
  if (view.window.length) {
    parts.push(`<h3>Pass rate per system${escapeHtml(shown)}</h3>`);
    parts.push(`<div class="pass-rate-chart">${renderTrendChart({ label: `Pass rate per system over the runs of ${view.suite}`, runs, series: view.systems, reportOf: view.reportOf })}</div>`);
  }
  if (view.champion.length) {
    parts.push('<h3>Win rate against the champion</h3>');
    parts.push(
      `<div class="champion-chart">${renderTrendChart({ label: `Win rate against the champion in ${view.suite}`, runs, series: view.champion, reference: 0.5, reportOf: view.reportOf })}</div>`,
    );
  }
  parts.push(regressions(view), lineage(view), latestRuns(view));
  if (view.notes.length) parts.push(`<ul class="warnings">${view.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>`);
  parts.push('</section>');
  return parts.join('');
}

function runLink(view: SuiteView, runId: string): string {
  const href = view.reportOf(runId);
  return href ? `<a href="${escapeHtml(href)}">${escapeHtml(runId)}</a>` : escapeHtml(runId);
}

function regressions(view: SuiteView): string {
  const latest = view.window[view.window.length - 1];
  if (!latest) return '';
  const against = latest.baselineRunId ? ` against baseline run ${escapeHtml(latest.baselineRunId)}` : ' (no baseline to compare with)';
  const items = latest.systems
    .filter((s) => s.regressions > 0)
    .map((s) => {
      const more = s.regressions > s.regressed.length ? `, … ${s.regressions - s.regressed.length} more` : '';
      return `<li><strong>${escapeHtml(s.name)}</strong>: ${s.regressions} regressed: ${s.regressed.map((id) => `<code>${escapeHtml(id)}</code>`).join(', ')}${more}</li>`;
    });
  const body = items.length ? `<ul class="regressions">${items.join('')}</ul>` : '<p class="note">No regression.</p>';
  return `<div class="latest-regressions"><h3>Regressions in the latest run (${runLink(view, latest.runId)}${against})</h3>${body}</div>`;
}

function lineage(view: SuiteView): string {
  if (!view.lineage.length) return '';
  const rows = [...view.lineage].reverse().map((entry) => {
    const win = entry.winRateVsPrevious;
    return [
      '<tr>',
      cell(entry.at.slice(0, 16).replace('T', ' ')),
      cell(entry.system),
      cell(entry.label ?? ''),
      `<td>${runLink(view, entry.runId)}</td>`,
      cell(rateText(entry.passRate), 'num'),
      cell(win ? rateText(win.rate, win.low, win.high) : '—', 'num'),
      '</tr>',
    ].join('');
  });
  const head = ['promoted', 'system', 'label', 'run', 'pass rate', 'win rate vs previous'].map((h) => `<th>${h}</th>`).join('');
  return `<div class="lineage"><h3>Lineage (champions, newest first)</h3><table class="lineage-table"><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

function latestRuns(view: SuiteView): string {
  const listed = view.window.slice(-LISTED_RUNS).reverse();
  if (!listed.length) return '';
  const rows = listed.map((r) =>
    [
      '<tr>',
      cell(r.time.slice(0, 16).replace('T', ' ')),
      `<td>${runLink(view, r.runId)}</td>`,
      cell(r.git ? `${r.git.commit.slice(0, 8)}${r.git.branch ? ` ${r.git.branch}` : ''}` : '—'),
      cell(r.systems.map((s) => `${s.name} ${formatPercent(s.passRate)}`).join(' · ')),
      cell(gateText(r)),
      '</tr>',
    ].join(''),
  );
  const head = ['time', 'run', 'commit', 'pass rate', 'gate'].map((h) => `<th>${h}</th>`).join('');
  return `<div class="runs"><h3>Latest runs</h3><table class="run-table"><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

/** For tools that scrape the page: each suite's latest numbers, as JSON in a data block that never runs. */
function embedded(suites: SuiteView[]) {
  return {
    suites: suites.map((view) => {
      const latest = view.window[view.window.length - 1];
      return {
        suite: view.suite,
        runs: view.recorded,
        latest: latest
          ? {
              runId: latest.runId,
              time: latest.time,
              gate: latest.gate,
              systems: latest.systems.map((s) => ({ name: s.name, passRate: s.passRate, low: s.low, high: s.high, regressions: s.regressions })),
            }
          : null,
        champion: view.lineage.length ? view.lineage[view.lineage.length - 1] : null,
      };
    }),
  };
}
