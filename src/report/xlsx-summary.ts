import type ExcelJS from 'exceljs';
import type { ReportData } from './report-data.js';
import { addDecisionRows } from './xlsx-decisions.js';

// The first tab of results.xlsx: one row per system, so a PM opening the workbook sees how each
// system did before scrolling through cases. Numbers are number cells (sortable, formatted as
// percent and dollars); regressions are against the baseline the run was compared with, and say
// so when there was none.

export const SUMMARY_SHEET = 'Summary';

const HEADER = ['system', 'provider', 'pass rate', 'pass', 'fail', 'errors', 'regressions', 'cost (USD)'];

/** Add the "Summary" sheet; call it before the cases' sheet so it is the tab a workbook opens on. */
export function addSummarySheet(workbook: ExcelJS.Workbook, data: ReportData): void {
  const sheet = workbook.addWorksheet(SUMMARY_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(HEADER).font = { bold: true };
  const comparison = data.assessment.regression;
  const compared = comparison.baselineRunId !== null;
  for (const s of data.summary.systems) {
    if (s.skipped) {
      sheet.addRow([s.system, s.provider, `skipped: ${s.skipped}`]);
      continue;
    }
    const regressed = comparison.systems.find((r) => r.system === s.system)?.counts.regressed;
    sheet.addRow([s.system, s.provider, s.passRate, s.pass, s.fail, s.error, compared ? (regressed ?? '—') : '—', s.costUsd ?? '—']);
  }
  sheet.addRow([]);
  sheet.addRow([
    compared
      ? `regressions: cases that passed in the baseline run ${comparison.baselineRunId} and fail in this run ${data.runId}`
      : `no baseline to compare run ${data.runId} with: no regressions counted`,
  ]);
  sheet.getColumn(3).numFmt = '0.0%';
  sheet.getColumn(8).numFmt = '$0.0000';
  HEADER.forEach((name, i) => (sheet.getColumn(i + 1).width = Math.max(12, name.length + 2, ...data.summary.systems.map((s) => (i === 0 ? s.system : i === 1 ? s.provider : '').length + 2))));
  // After the columns' formats are set: the decisions' cells carry their own.
  addDecisionRows(sheet, data);
}
