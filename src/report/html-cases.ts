import { TRANSITION_ORDER, type CaseTransition, type Transition } from '../regression/diff-runs.js';
import type { Case, ResultRecord } from '../types.js';
import { conversationText, formatToolCall, labelColumns, repeatReasons, resultsOf, truncate, verdictText } from './case-view.js';
import { escapeHtml, escapeHtmlText } from './html-escape.js';
import { renderDiff } from './html-diff.js';
import { renderPairwiseCell } from './html-pairwise-case.js';
import { judgmentsByCase } from './pairwise-view.js';
import type { ReportData } from './report-data.js';
import type { CaseTransitions } from './case-transitions.js';

/** Beyond this a report gets slow to open; the rest is in results.csv. */
const MAX_HTML_CASES = 2000;
const OUTPUT_CHARS = 4000;

/** The cases the table shows, worst first (then dataset order), at most MAX_HTML_CASES of them, and how many the run has. */
export interface ShownCases {
  ids: string[];
  total: number;
}

/**
 * The first MAX_HTML_CASES case ids worst first (the worst transition over the systems; then dataset
 * order), without sorting every case: a rank per case (a byte), how many cases have each rank, then one
 * more pass that keeps, rank by rank, as many as fit. Ids only: the cases are read for the rows shown.
 */
export function shownCases(data: ReportData, systems: string[], transitions: CaseTransitions): ShownCases {
  const ranks = new Uint8Array(data.cases.size);
  const perRank = new Array<number>(TRANSITION_ORDER.length + 1).fill(0);
  let position = 0;
  for (const id of data.cases.ids) {
    const rank = transitions.rank(id, systems);
    ranks[position++] = rank;
    perRank[rank] += 1;
  }
  // How many of each rank fit, worst first.
  let room = MAX_HTML_CASES;
  const quota = perRank.map((n) => {
    const taken = Math.min(n, room);
    room -= taken;
    return taken;
  });
  const byRank: string[][] = perRank.map(() => []);
  position = 0;
  for (const id of data.cases.ids) {
    const rank = ranks[position++];
    if (byRank[rank].length < quota[rank]) byRank[rank].push(id);
  }
  return { ids: byRank.flat(), total: position };
}

const pre = (text: string) => `<pre>${escapeHtmlText(text)}</pre>`;

function pmCell(kase: Case, labels: string[]): string {
  const entries: Array<[string, string]> = [];
  for (const name of ['ideal_behavior', 'why', 'notes']) if (kase.columns[name]) entries.push([name, kase.columns[name]]);
  for (const name of labels) if (kase.columns[name]) entries.push([name, kase.columns[name]]);
  if (kase.tags.length) entries.push(['tags', kase.tags.join(', ')]);
  if (!entries.length) return '<td></td>';
  return `<td><dl class="pm">${entries.map(([name, value]) => `<dt>${escapeHtmlText(name)}</dt><dd>${escapeHtmlText(value)}</dd>`).join('')}</dl></td>`;
}

function outputBlock(record: ResultRecord, label?: string): string {
  const heading = label ? `<div class="note">${escapeHtmlText(label)}</div>` : '';
  if (record.status === 'error') return `${heading}<div class="status-error">${escapeHtmlText(`error (${record.error?.kind ?? 'other'}): ${record.error?.message ?? ''}`)}</div>`;
  const output = record.output;
  const text = output?.text ? pre(truncate(output.text, OUTPUT_CHARS)) : '<div class="note">(no text)</div>';
  const tools = output?.toolCalls.length ? `<ul class="tools">${output.toolCalls.map((c) => `<li>→ ${escapeHtmlText(formatToolCall(c))}</li>`).join('')}</ul>` : '';
  return heading + text + tools + renderDiff(record);
}

function systemCell(records: ResultRecord[], transition: CaseTransition | undefined): string {
  if (!records.length) return '<td class="note">did not run</td>';
  const status = transition?.after?.status ?? records[0].status;
  const badge = `<span class="badge status-${escapeHtml(status)}">${escapeHtmlText(verdictText(records))}</span>`;
  const t = transition ? `<span class="transition transition-${escapeHtml(transition.transition)}">${escapeHtmlText(transition.transition)}${transition.changed ? ' (row changed)' : ''}</span>` : '';
  // With repeats, show a failing (or errored) repeat first: that is the one a reviewer needs to see.
  const shownFirst = records.find((r) => r.status !== 'pass') ?? records[0];
  const others = records.filter((r) => r !== shownFirst);
  const first = outputBlock(shownFirst, records.length > 1 ? `repeat ${shownFirst.repeat + 1} of ${records.length}` : undefined);
  const more = others.length ? `<details><summary>other repeats</summary>${others.map((r) => outputBlock(r, `repeat ${r.repeat + 1}`)).join('')}</details>` : '';
  const reasons = repeatReasons(records);
  const list = reasons.length ? `<ul class="reasons">${reasons.map((r) => `<li>${escapeHtmlText(r)}</li>`).join('')}</ul>` : '';
  return `<td>${badge}${t}${first}${more}${list}</td>`;
}

// <option> holds text only (a marker <span> would be dropped), so its label gets the plain `<U+202E>` form.
function option(value: string, label = value): string {
  return `<option value="${escapeHtml(value)}">${escapeHtml(label)}</option>`;
}

function filters(systems: string[], transitions: Transition[]): string {
  return [
    '<div class="filters">',
    '<input id="filter-text" type="search" placeholder="Filter: id, input, output, reason…" aria-label="Filter cases by text">',
    `<select id="filter-transition" aria-label="Transition">${option('', 'any transition')}${transitions.map((t) => option(t)).join('')}</select>`,
    `<select id="filter-system" aria-label="System">${option('', 'any system')}${systems.map((s) => option(s)).join('')}</select>`,
    `<select id="filter-status" aria-label="Status">${option('', 'any status')}${['pass', 'fail', 'error'].map((s) => option(s)).join('')}</select>`,
    '<span id="filter-count" class="note"></span>',
    '</div>',
  ].join('');
}

/**
 * The filterable case table: one row per case, the PM's columns, then each system's output side by
 * side, then (when the run was judged) the pairwise verdicts. Rows carry `system:transition` and `system:status` tokens that the inline script filters on.
 */
export function renderCaseTable(data: ReportData, systems: string[], transitions: CaseTransitions, order: ShownCases): string {
  const labels = labelColumns(data.summary.checks);
  const shown = order.ids.flatMap((id) => data.cases.get(id) ?? []);
  const present = TRANSITION_ORDER.filter((t) => data.assessment.regression.systems.some((s) => s.counts[t] > 0));
  // A pairwise column only when something was judged, so pass/fail-only reports stay as they were.
  const judged = data.judgments.length ? judgmentsByCase(data.judgments) : undefined;
  const rows = shown.map((kase, index) => {
    const tokens: string[] = [];
    const ran: string[] = [];
    const cells = systems.map((system) => {
      const records = resultsOf(data, kase.id, system);
      const transition = transitions.get(system, kase.id);
      if (records.length) {
        ran.push(system);
        tokens.push(`${system}:any`, `${system}:${transition?.after?.status ?? records[0].status}`);
        if (transition) tokens.push(`${system}:${transition.transition}`);
      }
      return systemCell(records, transition);
    });
    const where = `${kase.file}:${kase.row}`;
    return [
      `<tr id="case-${index}" data-systems="${escapeHtml(ran.join(' '))}" data-tokens="${escapeHtml(tokens.join(' '))}">`,
      `<td><strong>${escapeHtmlText(kase.id)}</strong><div class="note">${escapeHtmlText(where)}</div></td>`,
      `<td>${pre(conversationText(kase))}</td>`,
      pmCell(kase, labels),
      ...cells,
      judged ? renderPairwiseCell(data, judged.get(kase.id)) : '',
      '</tr>',
    ].join('');
  });
  const note =
    order.total > shown.length
      ? `<p class="note" id="case-cap">Showing the first ${shown.length.toLocaleString('en-US')} of ${order.total.toLocaleString('en-US')} cases (worst first) so the report stays quick to open; every case is in results.csv.</p>`
      : '';
  const head = ['case', 'input', 'expected (PM columns)', ...systems, ...(judged ? ['pairwise'] : [])].map((h) => `<th>${escapeHtmlText(h)}</th>`).join('');
  return `${filters(systems, present)}${note}<table id="case-table"><thead><tr>${head}</tr></thead><tbody>${rows.join('\n')}</tbody></table>`;
}

/** Anchor of a case's row in the table, or undefined when the cap left it out. */
export function caseAnchors(order: ShownCases): Map<string, string> {
  return new Map(order.ids.map((id, i) => [id, `case-${i}`]));
}
