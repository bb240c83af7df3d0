import { runNotes } from './run-notes.js';
import { TRANSITION_ORDER, type SystemRegression, type Transition } from '../regression/diff-runs.js';
import { findPromptedSystem } from '../regression/prompted-system.js';
import { gateNotApplied } from '../regression/gate.js';
import { capabilitiesOf } from '../providers/registry.js';
import { ranSystems } from './case-view.js';
import { formatCount, formatMs, formatPercent, formatUsd } from '../format.js';
import { caseAnchors, renderCaseTable, shownCases } from './html-cases.js';
import { CaseTransitions } from './case-transitions.js';
import { renderPassRateChart } from './html-chart.js';
import { PAIRWISE_STYLE, renderPairwiseSection } from './html-pairwise.js';
import { DECISIONS_STYLE, renderDecisionsSection } from './html-decisions.js';
import { DISAGREEMENTS_STYLE, renderDisagreementsSection } from './html-disagreements.js';
import { renderSlicesSection, SLICES_STYLE } from './html-slices.js';
import { escapeHtml, escapeHtmlText, jsonForScript } from './html-escape.js';
import { FILTER_SCRIPT, scriptHash } from './html-script.js';
import { HTML_STYLE } from './html-style.js';
import type { ReportData } from './report-data.js';
import { formatP, formatPoints, formatRateChange } from './stat-format.js';

const MAX_LISTED_IDS = 100;

/**
 * Defence in depth behind the escaping: nothing loads from anywhere, and only the report's own
 * script runs (by hash; 'unsafe-inline' is the fallback for browsers without CSP2 hashes, which
 * ignore it when a hash is present). No forms, no <base>.
 */
function contentSecurityPolicy(): string {
  return `default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline' ${scriptHash()}; img-src data:; base-uri 'none'; form-action 'none'`;
}

const cell = (text: string | number, className = '') => `<td${className ? ` class="${className}"` : ''}>${escapeHtmlText(text)}</td>`;

function summarySection(data: ReportData): string {
  const { gate, regression: comparison, warnings } = data.assessment;
  const prompted = findPromptedSystem(comparison.systems);
  const promptedRate = prompted?.after.passRate ?? null;
  const gap = promptedRate !== null;
  const bySummary = new Map(data.summary.systems.map((s) => [s.system, s]));
  const head = ['system', 'provider', 'pass', 'fail', 'error', 'pass rate', 'Δ', 'p (regression)', ...(gap ? [`vs ${prompted?.system}`] : []), 'tokens in/out', 'cost', 'p50'];
  const rows = comparison.systems.map((s) => {
    const summary = bySummary.get(s.system);
    const recorded = capabilitiesOf(s.provider).recorded;
    return [
      '<tr>',
      cell(s.system),
      cell(s.provider),
      cell(summary?.pass ?? 0, 'num'),
      cell(summary?.fail ?? 0, 'num'),
      cell(summary?.error ?? 0, 'num'),
      cell(formatRateChange(formatPercent(s.before.passRate), formatPercent(s.after.passRate), s.before.passRate !== null), 'num'),
      cell(formatPoints(s.delta), 'num'),
      cell(formatP(s.mcnemar.pRegression, s.mcnemar.regressions + s.mcnemar.fixes), 'num'),
      ...(promptedRate !== null ? [cell(s === prompted || s.after.passRate === null ? '—' : formatPoints(s.after.passRate - promptedRate), 'num')] : []),
      cell(recorded || !summary ? '—' : `${formatCount(summary.inputTokens)}/${formatCount(summary.outputTokens)}`, 'num'),
      cell(formatUsd(summary?.costUsd), 'num'),
      cell(recorded || !summary ? '—' : formatMs(summary.latencyP50Ms), 'num'),
      '</tr>',
    ].join('');
  });
  const skipped = data.summary.systems.filter((s) => s.skipped).map((s) => `<li>skipped system ${escapeHtmlText(s.system)}: ${escapeHtmlText(s.skipped ?? '')}</li>`);
  const failures = gate.failures.map((f) => `<li>${escapeHtmlText(f)}</li>`);
  const notApplied = gateNotApplied(gate);
  return [
    '<section id="summary"><h2>Summary</h2>',
    notApplied
      ? `<p class="verdict none" id="gate-verdict">○ gate not applied: ${escapeHtmlText(notApplied)}</p>`
      : `<p class="verdict ${gate.passed ? 'pass' : 'fail'}" id="gate-verdict">${gate.passed ? '✓ gate passed' : '✗ gate failed'}</p>`,
    failures.length ? `<ul id="gate-failures">${failures.join('')}</ul>` : '',
    `<table id="system-table"><thead><tr>${head.map((h) => `<th>${escapeHtmlText(h)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`,
    gap
      ? `<p class="note">"vs ${escapeHtmlText(prompted?.system ?? '')}" is each system's pass rate minus the prompted system's (${escapeHtmlText(formatPercent(promptedRate))}): the gap a candidate must climb.</p>`
      : '',
    skipped.length ? `<ul>${skipped.join('')}</ul>` : '',
    runNotes(data.summary).length
      ? `<ul class="warnings" id="run-notes">${runNotes(data.summary)
          .map((n) => `<li>${escapeHtmlText(n)}</li>`)
          .join('')}</ul>`
      : '',
    warnings.length ? `<h3>Warnings</h3><ul class="warnings">${warnings.map((w) => `<li>${escapeHtmlText(w)}</li>`).join('')}</ul>` : '',
    '</section>',
  ].join('');
}

/** Links to the first MAX_LISTED_IDS of `ids` (of `total`), then how many more. */
function caseLinks(ids: readonly string[], anchors: Map<string, string>, total = ids.length): string {
  const links = ids.slice(0, MAX_LISTED_IDS).map((id) => {
    const anchor = anchors.get(id);
    // Anchors are generated (`case-12`), never taken from the data, so no id can become a URL.
    return anchor ? `<a href="#${anchor}">${escapeHtmlText(id)}</a>` : escapeHtmlText(id);
  });
  return links.join(', ') + (total > MAX_LISTED_IDS ? `, … ${total - MAX_LISTED_IDS} more` : '');
}

/** The first MAX_LISTED_IDS case ids with transition `t`, and how many there are: a list of every one was held per system. */
function idsWith(s: SystemRegression, t: Transition): { ids: string[]; total: number } {
  const ids: string[] = [];
  let total = 0;
  for (const c of s.cases) {
    if (c.transition !== t) continue;
    total += 1;
    if (ids.length < MAX_LISTED_IDS) ids.push(c.caseId);
  }
  return { ids, total };
}

function transitionsSection(data: ReportData, anchors: Map<string, string>): string {
  const systems = data.assessment.regression.systems;
  const shown = TRANSITION_ORDER;
  const head = `<tr><th>system</th>${shown.map((t) => `<th class="num">${escapeHtmlText(t)}</th>`).join('')}<th class="num">changed rows</th></tr>`;
  const rows = systems.map((s) => `<tr>${cell(s.system)}${shown.map((t) => cell(s.counts[t], 'num')).join('')}${cell(s.changed, 'num')}</tr>`);
  const lists = systems.flatMap((s: SystemRegression) =>
    (['regressed', 'errored', 'fixed'] as const)
      .map((t) => ({ t, ...idsWith(s, t) }))
      .filter(({ total }) => total)
      .map(({ t, ids, total }) => `<li><strong>${escapeHtmlText(s.system)}</strong> ${escapeHtmlText(t)}: ${caseLinks(ids, anchors, total)}</li>`),
  );
  const baseline = data.assessment.regression.baselineRunId;
  return [
    '<section id="transitions"><h2>Transitions</h2>',
    `<p class="note">${baseline ? `Against baseline run ${escapeHtmlText(baseline)}.` : 'No baseline run: every case is new.'}</p>`,
    `<table id="transition-table"><thead>${head}</thead><tbody>${rows.join('')}</tbody></table>`,
    lists.length ? `<ul>${lists.join('')}</ul>` : '',
    '</section>',
  ].join('');
}

function repeatsSection(data: ReportData, anchors: Map<string, string>): string {
  const k = data.summary.repeat;
  if (k <= 1) return '';
  const items = data.assessment.regression.systems.map((s) => {
    // Counted as the transitions go by: a list of every scored case was held per system.
    let scored = 0;
    let passedAt = 0;
    let passedHat = 0;
    for (const { after } of s.cases) {
      if (!after || after.status === 'error') continue;
      scored += 1;
      if (after.passAtK) passedAt += 1;
      if (after.passHatK) passedHat += 1;
    }
    const rate = (hit: number) => formatPercent(scored ? hit / scored : null);
    const passAt = rate(passedAt);
    const passHat = rate(passedHat);
    const flaky = s.flaky.length ? `flaky: ${caseLinks(s.flaky, anchors)}` : 'no flaky cases';
    return `<li><strong>${escapeHtmlText(s.system)}</strong>: pass@${k} ${escapeHtmlText(passAt)}, pass^${k} ${escapeHtmlText(passHat)}; ${flaky}</li>`;
  });
  return `<section id="repeats"><h2>Repeats (${k} per case)</h2><ul>${items.join('')}</ul></section>`;
}

/** Numbers for tools that scrape the report; JSON in a data block, never executed. */
function embeddedData(data: ReportData): string {
  const { regression: comparison, gate } = data.assessment;
  const payload = {
    suite: data.suite,
    runId: data.runId,
    baselineRunId: comparison.baselineRunId,
    gate: { passed: gate.passed, failures: gate.failures },
    systems: comparison.systems.map((s) => ({ system: s.system, provider: s.provider, before: s.before.passRate, after: s.after.passRate, counts: s.counts })),
    pairwise: data.pairwise ?? null,
  };
  return `<script type="application/json" id="report-data">${jsonForScript(payload)}</script>`;
}

/**
 * report.html: one self-contained page (inline CSS, SVG and script; no external requests) with the
 * gate verdict, per-system numbers, a pass-rate chart, win rates and ratings when comparisons were
 * judged, transitions and a filterable table of cases with side-by-side outputs and verdicts. Every
 * dataset value, model output and judge's reasoning is escaped, its control and bidi characters shown
 * as code points (html-escape.ts) so none can hide or reorder what a reviewer reads.
 */
export function renderHtml(data: ReportData): string {
  const systems = ranSystems(data);
  const transitions = new CaseTransitions(data);
  const order = shownCases(data, systems, transitions);
  const anchors = caseAnchors(order);
  const { regression: comparison } = data.assessment;
  const chart = renderPassRateChart(
    comparison.systems.map((s) => ({ system: s.system, before: s.before.passRate, after: s.after.passRate })),
    data.runId,
    comparison.baselineRunId,
  );
  const title = `evals: ${data.suite} ${data.runId}`;
  const meta = `run ${data.runId} · ${comparison.baselineRunId ? `baseline ${comparison.baselineRunId}` : 'no baseline'} · ${data.summary.cases} cases × ${data.summary.repeat} repeat${data.summary.repeat === 1 ? '' : 's'} · ${data.summary.startedAt}`;
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy())}">`,
    '<meta name="referrer" content="no-referrer"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title><style>${HTML_STYLE}${DECISIONS_STYLE}${DISAGREEMENTS_STYLE}${data.assessment.slices ? SLICES_STYLE : ''}${data.pairwise || data.judgments.length ? PAIRWISE_STYLE : ''}</style></head><body>`,
    `<header><h1>${escapeHtmlText(data.suite)}</h1><p class="meta">${escapeHtmlText(meta)}</p></header>`,
    summarySection(data),
    `<section id="chart"><h2>Pass rate per system</h2>${chart}</section>`,
    renderDecisionsSection(data),
    renderDisagreementsSection(data, anchors),
    renderSlicesSection(data),
    renderPairwiseSection(data, anchors),
    transitionsSection(data, anchors),
    repeatsSection(data, anchors),
    `<section id="cases"><h2>Cases</h2>${renderCaseTable(data, systems, transitions, order)}</section>`,
    embeddedData(data),
    `<script>${FILTER_SCRIPT}</script>`,
    '</body></html>',
    '',
  ].join('\n');
}
