import { outputText, truncate } from './case-view.js';
import { decisionText, findDisagreements, shownRecord, type Disagreement, type SystemDecision } from './disagreement-view.js';
import { markdownCell, markdownInline } from './markdown-escape.js';
import { firstRows, MAX_SECTION_ROWS } from './markdown-limit.js';
import type { ReportData } from './report-data.js';

// report.md's first per-case section: the cases where systems disagree on a decision, a candidate
// wrong where the prompted system is right first. Outputs are cut to a cell; report.html has them whole.

const OUTPUT_CHARS = 300;
const NOTE_CHARS = 300;

function systemCell(data: ReportData, caseId: string, d: SystemDecision): string {
  const record = shownRecord(data, caseId, d);
  const output = record?.status === 'error' ? `error: ${record.error?.message ?? ''}` : outputText(record?.output);
  return `**${markdownInline(decisionText(d))}**<br>${markdownCell(truncate(output, OUTPUT_CHARS))}`;
}

function whyCell(kase: { columns: Record<string, string> } | undefined): string {
  const parts = (['why', 'notes'] as const).filter((name) => kase?.columns[name]?.trim()).map((name) => `${name}: ${truncate(kase!.columns[name].trim(), NOTE_CHARS)}`);
  return markdownCell(parts.join('\n'));
}

export function disagreementsMarkdown(data: ReportData): string[] {
  const { shown: kept, total, systems } = findDisagreements(data);
  if (!total) return [];
  const { shown, more } = firstRows(kept, 'disagreements', MAX_SECTION_ROWS, total);
  const lines = [
    '',
    '### Disagreements on decisions',
    '',
    `${total.toLocaleString('en-US')} case${total === 1 ? '' : 's'} where the systems decide differently; first those where a candidate is wrong and the prompted (or another reference) system right.`,
    '',
    `| case | decision | label | ${systems.map(markdownCell).join(' | ')} | why |`,
    `| --- | --- | --- | ${systems.map(() => '---').join(' | ')} | --- |`,
  ];
  for (const d of shown) lines.push(row(data, d, systems));
  lines.push(...more);
  return lines;
}

function row(data: ReportData, d: Disagreement, systems: string[]): string {
  const bySystem = new Map(d.systems.map((s) => [s.system, s]));
  const cells = [
    markdownCell(d.caseId),
    markdownCell(d.decision),
    markdownCell(`${d.label}: ${d.labelValue}`),
    ...systems.map((name) => {
      const decided = bySystem.get(name);
      return decided ? systemCell(data, d.caseId, decided) : '—';
    }),
    whyCell(data.cases.get(d.caseId)),
  ];
  return `| ${cells.join(' | ')} |`;
}
