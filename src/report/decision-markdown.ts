import { DECISION_HEADS, DECISION_INTERVALS_NOTE, decisionCells, decisionChange, reportDecisions } from './decision-view.js';
import { markdownCell, markdownCode, markdownInline } from './markdown-escape.js';
import type { ReportData } from './report-data.js';

/** report.md's errors by kind: one row per system and decision, then how they moved since the compared-with run. */
export function decisionsMarkdown(data: ReportData): string[] {
  const view = reportDecisions(data);
  if (!view.rows.length) return [];
  const lines = [
    '',
    '### Decisions (yes/no labels)',
    '',
    `| ${DECISION_HEADS.join(' | ')} |`,
    `| --- | --- | ${DECISION_HEADS.slice(2)
      .map(() => '---:')
      .join(' | ')} |`,
  ];
  for (const row of view.rows) lines.push(`| ${decisionCells(row).map(markdownCell).join(' | ')} |`);
  lines.push('', DECISION_INTERVALS_NOTE);
  if (view.baselineRunId) {
    lines.push('', `Compared with ${markdownCode(view.baselineRunId)}:`, '');
    for (const row of view.rows) lines.push(`- ${markdownInline(`${row.system}, ${row.decision.name}: ${decisionChange(row) ?? 'not in the compared-with run'}`)}`);
  }
  if (view.note) lines.push('', markdownInline(view.note));
  return lines;
}
