import { formatToolCall } from './case-view.js';
import type { ResultRecord } from '../types.js';
import { decisionText, findDisagreements, shownRecord, type Disagreement, type SystemDecision } from './disagreement-view.js';
import { escapeHtml, escapeHtmlText } from './html-escape.js';
import type { ReportData } from './report-data.js';

// report.html's disagreements, before the other per-case sections: per case the label, each
// system's decision with its whole output (long text folded, never cut), and the PM's why and notes.

/** Text longer than this is folded under a <details> that opens to all of it. */
const FOLD_CHARS = 600;

export const DISAGREEMENTS_STYLE = `
table.disagreements td { vertical-align: top; }
table.disagreements .decision-verdict { font-weight: 600; }
table.disagreements .decision-verdict.right { color: var(--pass); } table.disagreements .decision-verdict.wrong { color: var(--fail); }
table.disagreements pre { max-width: 42em; }
`;

function outputHtml(record: ResultRecord | undefined): string {
  if (!record) return '<div class="note">(no result)</div>';
  if (record.status === 'error') return `<div class="status-error">${escapeHtmlText(`error (${record.error?.kind ?? 'other'}): ${record.error?.message ?? ''}`)}</div>`;
  const calls = record.output?.toolCalls ?? [];
  const tools = calls.length ? `<ul class="tools">${calls.map((c) => `<li>→ ${escapeHtmlText(formatToolCall(c))}</li>`).join('')}</ul>` : '';
  const text = record.output?.text ?? '';
  if (!text) return `${tools}<div class="note">(no text)</div>`;
  if (text.length <= FOLD_CHARS) return `${tools}<pre>${escapeHtmlText(text)}</pre>`;
  return `${tools}<details class="whole-output"><summary>${escapeHtmlText(`${text.slice(0, 120).trimEnd()}… (${text.length} chars: show all)`)}</summary><pre>${escapeHtmlText(text)}</pre></details>`;
}

function systemCell(data: ReportData, caseId: string, d: SystemDecision | undefined): string {
  if (!d) return '<td class="note">no decision</td>';
  const rightness = d.right === undefined ? '' : d.right ? ' right' : ' wrong';
  return `<td data-system="${escapeHtml(d.system)}"><div class="decision-verdict${rightness}">${escapeHtmlText(decisionText(d))}</div>${outputHtml(shownRecord(data, caseId, d))}</td>`;
}

function pmCell(data: ReportData, caseId: string): string {
  const kase = data.cases.get(caseId);
  const entries = (['why', 'notes'] as const).filter((name) => kase?.columns[name]?.trim()).map((name) => `<dt>${name}</dt><dd>${escapeHtmlText(kase!.columns[name])}</dd>`);
  return entries.length ? `<td><dl class="pm">${entries.join('')}</dl></td>` : '<td></td>';
}

function row(data: ReportData, d: Disagreement, systems: string[], anchors: Map<string, string>): string {
  const anchor = anchors.get(d.caseId);
  // Anchors are generated (`case-12`), never taken from the data.
  const id = anchor ? `<a href="#${anchor}">${escapeHtmlText(d.caseId)}</a>` : escapeHtmlText(d.caseId);
  const bySystem = new Map(d.systems.map((s) => [s.system, s]));
  return [
    `<tr class="disagreement" data-rank="${d.rank}">`,
    `<td class="case-id">${id}</td>`,
    `<td>${escapeHtmlText(d.decision)}</td>`,
    `<td class="label">${escapeHtmlText(`${d.label}: ${d.labelValue}`)}</td>`,
    ...systems.map((name) => systemCell(data, d.caseId, bySystem.get(name))),
    pmCell(data, d.caseId),
    '</tr>',
  ].join('');
}

export function renderDisagreementsSection(data: ReportData, anchors: Map<string, string>): string {
  // Only the first MAX_DISAGREEMENTS are kept: beyond them a report gets slow to open (as for the case table).
  const { shown, total, systems } = findDisagreements(data);
  if (!total) return '';
  const head = ['case', 'decision', 'label', ...systems, 'why / notes'].map((h) => `<th>${escapeHtmlText(h)}</th>`).join('');
  return [
    '<section id="disagreements"><h2>Disagreements on decisions</h2>',
    `<p class="note">${escapeHtmlText(
      `${total.toLocaleString('en-US')} case${total === 1 ? '' : 's'} where the systems decide differently; first those where a candidate is wrong and the prompted (or another reference) system right.`,
    )}</p>`,
    `<table class="disagreements" id="disagreement-table"><thead><tr>${head}</tr></thead><tbody>${shown.map((d) => row(data, d, systems, anchors)).join('')}</tbody></table>`,
    total > shown.length ? `<p class="note">${escapeHtmlText(`… ${(total - shown.length).toLocaleString('en-US')} more (see results.csv)`)}</p>` : '',
    '</section>',
  ].join('');
}
