import { escapeHtmlText } from './html-escape.js';
import type { ReportData } from './report-data.js';
import { regressedLine, SLICE_HEADS, sliceCells, sliceDecisionTable, slicesNote } from './slice-view.js';

// report.html's slices: every slice and system, worst first (a regressed slice's row marked), then
// each decision per slice. Slice values come from the dataset, so every cell is escaped.

export const SLICES_STYLE = `
table.slices tr.regressed td { color: var(--fail); font-weight: 600; }
`;

const TEXT_HEADS = new Set(['slice', 'system', 'decision', 'regressed']);

function table(heads: string[], rows: Array<{ cells: string[]; regressed?: boolean }>): string {
  const head = `<thead><tr>${heads.map((h) => `<th>${escapeHtmlText(h)}</th>`).join('')}</tr></thead>`;
  const body = rows
    .map(({ cells, regressed }) => `<tr${regressed ? ' class="regressed"' : ''}>${cells.map((c, i) => `<td${TEXT_HEADS.has(heads[i]) ? '' : ' class="num"'}>${escapeHtmlText(c)}</td>`).join('')}</tr>`)
    .join('');
  return `<table class="slices">${head}<tbody>${body}</tbody></table>`;
}

export function renderSlicesSection(data: ReportData): string {
  const slices = data.assessment.slices;
  if (!slices?.rows.length) return '';
  const compared = Boolean(slices.baselineRunId);
  const regressed = regressedLine(slices);
  const decisions = sliceDecisionTable(slices);
  return [
    '<section id="slices"><h2>Slices</h2>',
    regressed ? `<p class="status-fail">${escapeHtmlText(regressed)}</p>` : '',
    table(
      SLICE_HEADS,
      slices.rows.map((row) => ({ cells: sliceCells(row, compared), regressed: row.regressed })),
    ),
    `<p class="note">${escapeHtmlText(slicesNote(slices))}</p>`,
    decisions.rows.length
      ? `<h3>Decisions per slice</h3>${table(
          decisions.heads,
          decisions.rows.map((cells) => ({ cells })),
        )}`
      : '',
    '</section>',
  ].join('');
}
