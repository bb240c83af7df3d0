import type ExcelJS from 'exceljs';
import { DECISION_INTERVALS_NOTE, reportDecisions } from './decision-view.js';
import type { ReportData } from './report-data.js';

// The Summary tab's errors by kind, below the systems: per system and decision the confusion
// matrix, precision, recall and false-positive rate as number cells a PM can sort and chart, each
// with its 95% interval beside it as text, and the cost per case when the suite sets `costs:`.

/** The title cell above the decisions' header row, so a reader (and a test) can find the block. */
const DECISIONS_TITLE = 'Decisions (yes/no labels)';

interface Rate {
  estimate: number;
  low: number;
  high: number;
}

const percentInterval = (r: Rate | null | undefined) => (r ? `${(r.low * 100).toFixed(1)}%–${(r.high * 100).toFixed(1)}%` : '—');
const costInterval = (r: Rate | null | undefined) => (r ? `${r.low.toFixed(2)}–${r.high.toFixed(2)}` : '—');

/** Append the decisions block to the Summary sheet; nothing when the suite has no decision. */
export function addDecisionRows(sheet: ExcelJS.Worksheet, data: ReportData): void {
  const { rows } = reportDecisions(data);
  if (!rows.length) return;
  const costed = rows.some((row) => row.decision.costPerCase);
  const header = ['system', 'decision', 'TP', 'FP', 'TN', 'FN', 'precision', 'precision 95% interval', 'recall', 'recall 95% interval', 'false-positive rate', 'false-positive rate 95% interval'];
  if (costed) header.push('cost/case', 'cost/case 95% interval', 'cost of a false positive', 'cost of a false negative');
  sheet.addRow([]);
  sheet.addRow([DECISIONS_TITLE]).font = { bold: true };
  sheet.addRow(header).font = { bold: true };
  for (const { system, decision: d } of rows) {
    const values: ExcelJS.CellValue[] = [
      system,
      d.name,
      d.tp,
      d.fp,
      d.tn,
      d.fn,
      d.precision?.estimate ?? '—',
      percentInterval(d.precision),
      d.recall?.estimate ?? '—',
      percentInterval(d.recall),
      d.falsePositiveRate?.estimate ?? '—',
      percentInterval(d.falsePositiveRate),
    ];
    if (costed) values.push(d.costPerCase?.estimate ?? '—', costInterval(d.costPerCase), d.costs?.falsePositive ?? '—', d.costs?.falseNegative ?? '—');
    const row = sheet.addRow(values);
    // Cell formats, not column ones: the systems' table above owns the columns' formats.
    row.eachCell((cell, column) => {
      const head = header[column - 1];
      if (typeof cell.value !== 'number') cell.numFmt = '@';
      else if (['precision', 'recall', 'false-positive rate'].includes(head)) cell.numFmt = '0.0%';
      else if (head === 'cost/case') cell.numFmt = '0.00';
      else cell.numFmt = 'General';
    });
  }
  sheet.addRow([DECISION_INTERVALS_NOTE]);
  if (costed) sheet.addRow(['cost/case: (false positives × their cost + false negatives × theirs) / decisions, in the units of the suite’s costs:']);
}
