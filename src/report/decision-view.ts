import { formatPercent } from '../format.js';
import { compareDecisions, type DecisionRow, type DecisionsView } from '../regression/decisions.js';
import type { RunSummary } from '../store/summary.js';
import type { DecisionSummary } from '../store/decision-tally.js';

// Words and numbers for a decision's errors, shared by the terminal, Markdown, HTML and JUnit so
// they agree: "false triggers" and "misses" are how a PM says false positives and false negatives.

interface Rate {
  estimate: number;
  low: number;
  high: number;
}

/** `66.7% [39.1–86.2]`: the estimate and its 95% interval, in percent; `—` when undefined. */
export function formatRate(rate: Rate | null | undefined): string {
  if (!rate) return '—';
  return `${formatPercent(rate.estimate)} [${(rate.low * 100).toFixed(1)}–${(rate.high * 100).toFixed(1)}]`;
}

/** `0.50 [0.20–0.85]`: a cost per case in the suite's units. */
export function formatCost(rate: Rate | null | undefined): string {
  if (!rate) return '—';
  return `${rate.estimate.toFixed(2)} [${rate.low.toFixed(2)}–${rate.high.toFixed(2)}]`;
}

/** The columns every report shows, in order: heads and one row's cells. */
export const DECISION_HEADS = ['system', 'decision', 'TP', 'FP', 'TN', 'FN', 'precision', 'recall', 'F1', 'false-positive rate', 'balanced accuracy', 'cost/case'];

export function decisionCells(row: DecisionRow): string[] {
  const d = row.decision;
  return [
    row.system,
    d.name,
    String(d.tp),
    String(d.fp),
    String(d.tn),
    String(d.fn),
    formatRate(d.precision),
    formatRate(d.recall),
    formatRate(d.f1),
    formatRate(d.falsePositiveRate),
    formatRate(d.balancedAccuracy),
    formatCost(d.costPerCase),
  ];
}

function change(name: string, before: string, after: string): string {
  return `${name} ${before} → ${after}`;
}

/** `false triggers 3 → 7, misses 2 → 1, precision 75.0% → 50.0%, recall …`; undefined with no numbers before. */
export function decisionChange(row: DecisionRow): string | undefined {
  const b: DecisionSummary | undefined = row.before;
  if (!b) return undefined;
  const d = row.decision;
  const parts = [
    change('false triggers', String(b.fp), String(d.fp)),
    change('misses', String(b.fn), String(d.fn)),
    change('precision', formatPercent(b.precision?.estimate), formatPercent(d.precision?.estimate)),
    change('recall', formatPercent(b.recall?.estimate), formatPercent(d.recall?.estimate)),
    change('false-positive rate', formatPercent(b.falsePositiveRate?.estimate), formatPercent(d.falsePositiveRate?.estimate)),
  ];
  if (b.costPerCase && d.costPerCase) parts.push(change('cost/case', b.costPerCase.estimate.toFixed(2), d.costPerCase.estimate.toFixed(2)));
  return parts.join(', ');
}

/** The decisions a report shows: the assessment's (with the run compared with), else the summary's own. */
export function reportDecisions(data: { summary: RunSummary; assessment: { decisions?: DecisionsView } }): DecisionsView {
  return data.assessment.decisions ?? compareDecisions(data.summary, undefined, undefined);
}

/** How the intervals were made, said once under each report's table. */
export const DECISION_INTERVALS_NOTE = '95% intervals in brackets: Wilson for precision, recall and false-positive rate; a seeded bootstrap over cases for F1, balanced accuracy and cost per case.';
