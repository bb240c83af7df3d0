import { formatPercent } from '../format.js';
import type { DecisionRow } from '../regression/decisions.js';
import { DECISION_INTERVALS_NOTE, decisionChange, formatCost, formatRate, reportDecisions } from './decision-view.js';
import { escapeHtmlText } from './html-escape.js';
import type { ReportData } from './report-data.js';

// report.html's errors by kind: per system and decision a 2×2 matrix (what the label said × what
// the system did) and its rates. Every name comes from the suite or the dataset, so all is escaped.

export const DECISIONS_STYLE = `
.decisions { display: flex; flex-wrap: wrap; gap: 16px 32px; }
.decision h3 { font-size: 14px; margin: 8px 0 4px; overflow-wrap: anywhere; }
table.confusion { width: auto; } table.confusion td { text-align: right; font-variant-numeric: tabular-nums; min-width: 7em; }
table.confusion td.right { color: var(--pass); } table.confusion td.wrong { color: var(--fail); font-weight: 600; }
ul.rates { margin: 4px 0; padding-left: 18px; font-size: 12px; }
`;

function matrix(row: DecisionRow): string {
  const d = row.decision;
  const cell = (name: string, n: number, right: boolean) => `<td class="${right ? 'right' : 'wrong'}">${name} ${n}</td>`;
  return [
    '<table class="confusion"><thead><tr><th></th><th>acted (called, said yes)</th><th>held back</th></tr></thead><tbody>',
    `<tr><th>labelled yes</th>${cell('TP', d.tp, true)}${cell('FN', d.fn, false)}</tr>`,
    `<tr><th>labelled no</th>${cell('FP', d.fp, false)}${cell('TN', d.tn, true)}</tr>`,
    '</tbody></table>',
  ].join('');
}

function rates(row: DecisionRow): string {
  const d = row.decision;
  const items = [
    `precision ${formatRate(d.precision)}`,
    `recall ${formatRate(d.recall)}`,
    `F1 ${formatRate(d.f1)}`,
    `false-positive rate ${formatRate(d.falsePositiveRate)}`,
    `balanced accuracy ${formatRate(d.balancedAccuracy)}`,
    ...(d.costPerCase && d.costs ? [`cost per case ${formatCost(d.costPerCase)} (false positive ${d.costs.falsePositive}, false negative ${d.costs.falseNegative})`] : []),
  ];
  const moved = decisionChange(row);
  if (moved) items.push(`since the compared-with run: ${moved}`);
  return `<ul class="rates">${items.map((item) => `<li>${escapeHtmlText(item)}</li>`).join('')}</ul>`;
}

export function renderDecisionsSection(data: ReportData): string {
  const view = reportDecisions(data);
  if (!view.rows.length) return '';
  const blocks = view.rows.map((row) => {
    const title = `${row.system} · ${row.decision.name}`;
    const accuracy = formatPercent((row.decision.tp + row.decision.tn) / Math.max(1, row.decision.tp + row.decision.fp + row.decision.tn + row.decision.fn));
    return `<div class="decision"><h3>${escapeHtmlText(title)}</h3>${matrix(row)}<div class="note">${escapeHtmlText(`right on ${accuracy} of decisions`)}</div>${rates(row)}</div>`;
  });
  return [
    '<section id="decisions"><h2>Decisions (yes/no labels)</h2>',
    `<div class="decisions">${blocks.join('')}</div>`,
    `<p class="note">${escapeHtmlText(DECISION_INTERVALS_NOTE)}</p>`,
    view.note ? `<p class="note">${escapeHtmlText(view.note)}</p>` : '',
    '</section>',
  ].join('');
}
