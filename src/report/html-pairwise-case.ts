import { isHumanJudge, type JudgmentRecord } from '../judge/types.js';
import type { ResultRecord } from '../types.js';
import { outputText, resultsOf, truncate } from './case-view.js';
import { escapeHtml, escapeHtmlText } from './html-escape.js';
import { humanSide, isLostOrInconsistent, judgmentsByPair, orderPositions, orderVerdictText, verdictLabel } from './pairwise-view.js';
import type { ReportData } from './report-data.js';

// The per-case pairwise view in the case table: for each pair of outputs judged on the case, the
// two outputs side by side and every judge's verdict on them, with both LLM orders un-swapped to
// system names so a reader sees position bias directly.

const OUTPUT_CHARS = 4000;
const pre = (text: string) => `<pre>${escapeHtmlText(text)}</pre>`;

function outputPane(system: string, record: ResultRecord | undefined): string {
  const heading = `<div class="note">${escapeHtmlText(system)}</div>`;
  if (!record) return `<div>${heading}<div class="note">no output</div></div>`;
  if (record.status === 'error') return `<div>${heading}<div class="status-error">${escapeHtmlText(`error (${record.error?.kind ?? 'other'}): ${record.error?.message ?? ''}`)}</div></div>`;
  const text = outputText(record.output);
  return `<div>${heading}${text ? pre(truncate(text, OUTPUT_CHARS)) : '<div class="note">(empty response)</div>'}</div>`;
}

function judgmentBlock(record: JudgmentRecord): string {
  const human = isHumanJudge(record.judge);
  const who = human ? `rater ${record.judge.slice('human:'.length)}` : record.judge;
  const tone = record.consistent === false ? ' pw-inconsistent' : isLostOrInconsistent(record) ? ' pw-lost' : '';
  const parts = [`<div><span class="note">${escapeHtmlText(who)}</span> <span class="pw-final${tone}">${escapeHtmlText(`verdict: ${verdictLabel(record)}`)}</span></div>`];
  if (record.orders?.length) {
    const orders = record.orders.map((o) => `<li><strong>${escapeHtmlText(orderPositions(record, o))}</strong>: ${escapeHtmlText(orderVerdictText(record, o))}${pre(o.reasoning)}</li>`);
    parts.push(`<ol class="pw-orders">${orders.join('')}</ol>`);
  } else if (record.reasoning) {
    parts.push(pre(record.reasoning));
  }
  const side = humanSide(record);
  if (side) parts.push(`<div class="note">${escapeHtmlText(side)}</div>`);
  if (record.comment) parts.push(`<div class="pw-comment"><span class="note">comment:</span>${pre(record.comment)}</div>`);
  return `<div class="pw-judgment" data-judge="${escapeHtml(record.judge)}">${parts.join('')}</div>`;
}

function pairBlock(data: ReportData, records: JudgmentRecord[]): string {
  const [first] = records;
  const repeat = first.repeat ?? 0;
  const at = (system: string) => resultsOf(data, first.caseId, system).find((r) => r.repeat === repeat);
  const label = `${first.a} vs ${first.b}${repeat ? ` (repeat ${repeat + 1})` : ''}: ${records.map((r) => `${isHumanJudge(r.judge) ? r.judge.slice('human:'.length) : r.judge} → ${verdictLabel(r)}`).join('; ')}`;
  const lost = records.some(isLostOrInconsistent) ? ' pw-lost' : '';
  return [
    `<details class="pw-pair"><summary class="pw-summary${lost}">${escapeHtmlText(label)}</summary>`,
    `<div class="pw-outputs">${outputPane(first.a, at(first.a))}${outputPane(first.b, at(first.b))}</div>`,
    ...records.map(judgmentBlock),
    '</details>',
  ].join('');
}

/**
 * The case table's `pairwise` cell for one case: one collapsible block per pair of outputs judged,
 * with both outputs, both order verdicts and reasoning, the final verdict and human comments.
 */
export function renderPairwiseCell(data: ReportData, records: JudgmentRecord[] | undefined): string {
  if (!records?.length) return '<td class="pairwise note">not judged</td>';
  return `<td class="pairwise">${judgmentsByPair(records)
    .map((group) => pairBlock(data, group))
    .join('')}</td>`;
}
