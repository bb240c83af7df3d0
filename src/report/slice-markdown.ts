import { markdownCell, markdownInline } from './markdown-escape.js';
import { firstRows } from './markdown-limit.js';
import type { ReportData } from './report-data.js';
import { regressedLine, SLICE_HEADS, sliceCells, sliceDecisionTable, slicesNote } from './slice-view.js';

// report.md's slices: one row per slice and system, worst first, then each decision per slice.
// A suite can have many slices (every tag), so both tables are capped like report.md's other
// growing sections; report.html and summary.json have them all.

function table(heads: string[], rows: string[][], numeric: (head: string) => boolean): string[] {
  return [`| ${heads.join(' | ')} |`, `| ${heads.map((head) => (numeric(head) ? '---:' : '---')).join(' | ')} |`, ...rows.map((row) => `| ${row.map(markdownCell).join(' | ')} |`)];
}

export function slicesMarkdown(data: ReportData): string[] {
  const slices = data.assessment.slices;
  if (!slices?.rows.length) return [];
  const compared = Boolean(slices.baselineRunId);
  const rows = firstRows(slices.rows, 'slice rows');
  const lines = [
    '',
    '### Slices',
    '',
    ...table(
      SLICE_HEADS,
      rows.shown.map((row) => sliceCells(row, compared)),
      (head) => !['slice', 'system', 'regressed'].includes(head),
    ),
    ...rows.more,
  ];
  const regressed = regressedLine(slices);
  if (regressed) lines.push('', `**${markdownInline(regressed)}**`);
  lines.push('', markdownInline(slicesNote(slices)));
  const decisionTable = sliceDecisionTable(slices);
  const decisions = firstRows(decisionTable.rows, 'slice decision rows');
  if (decisions.shown.length) {
    lines.push('', '#### Decisions per slice', '', ...table(decisionTable.heads, decisions.shown, (head) => !['slice', 'system', 'decision'].includes(head)), ...decisions.more);
  }
  return lines;
}
