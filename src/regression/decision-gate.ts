import { formatPercent } from '../format.js';
import type { DecisionRow } from './decisions.js';
import type { DecisionSummary } from '../store/decision-tally.js';

// The gate's rules for decisions (checks tied to a yes/no label): a system that over-triggers can
// keep a fine pass rate when most cases should not trigger, so recall, precision, the
// false-positive rate and the cost of errors are gated on their own.

export interface DecisionRules {
  minRecall?: number;
  minPrecision?: number;
  maxFalsePositiveRate?: number;
  maxCost?: number;
  /** Judge the 95% interval's pessimistic bound (low for a minimum, high for a maximum), not the estimate. */
  onBound?: boolean;
}

interface Interval {
  estimate: number;
  low: number;
  high: number;
}

type Format = (value: number) => string;
export const cost: Format = (value) => value.toFixed(2);

export function limitFailure(what: string, rate: Interval | null | undefined, limit: number | undefined, kind: 'min' | 'max', onBound: boolean, format: Format = formatPercent): string | undefined {
  if (limit === undefined || !rate) return undefined;
  const value = onBound ? (kind === 'min' ? rate.low : rate.high) : rate.estimate;
  const fails = kind === 'min' ? value < limit - 1e-12 : value > limit + 1e-12;
  if (!fails) return undefined;
  const shown = `${what} ${format(rate.estimate)} [${format(rate.low)}, ${format(rate.high)}]`;
  const bound = onBound ? `: its ${kind === 'min' ? 'lower' : 'upper'} 95% bound ${format(value)}` : '';
  return `${shown}${bound} is ${kind === 'min' ? 'below the minimum' : 'above the maximum'} ${format(limit)}`;
}

/** One line per failed rule, `suite/system: decision: what, its numbers, the limit`. */
export function decisionGateFailures(suite: string, rows: DecisionRow[], systems: string[], rules: DecisionRules): string[] {
  return rows.filter((r) => systems.includes(r.system)).flatMap(({ system, decision }) => decisionRuleFailures(decision, rules).map((line) => `${suite}/${system}: ${line}`));
}

/** One decision against the rules: `decision: what, its numbers, the limit (its counts)` per failed rule. */
export function decisionRuleFailures(d: DecisionSummary, rules: DecisionRules): string[] {
  const onBound = rules.onBound ?? false;
  const lines = [
    limitFailure('recall', d.recall, rules.minRecall, 'min', onBound),
    limitFailure('precision', d.precision, rules.minPrecision, 'min', onBound),
    limitFailure('false-positive rate', d.falsePositiveRate, rules.maxFalsePositiveRate, 'max', onBound),
    limitFailure('cost per case', d.costPerCase, d.costPerCase ? rules.maxCost : undefined, 'max', onBound, cost),
  ];
  const counts = `TP ${d.tp}, FP ${d.fp}, TN ${d.tn}, FN ${d.fn}`;
  return lines.filter((line) => line !== undefined).map((line) => `${d.name}: ${line} (${counts})`);
}

/** The decision rules in the suite file's words. */
export function describeDecisionRules(rules: DecisionRules): string[] {
  const bound = rules.onBound ? ' (95% bound)' : '';
  const described: string[] = [];
  if (rules.minRecall !== undefined) described.push(`min_recall ${formatPercent(rules.minRecall)}${bound}`);
  if (rules.minPrecision !== undefined) described.push(`min_precision ${formatPercent(rules.minPrecision)}${bound}`);
  if (rules.maxFalsePositiveRate !== undefined) described.push(`max_false_positive_rate ${formatPercent(rules.maxFalsePositiveRate)}${bound}`);
  if (rules.maxCost !== undefined) described.push(`max_cost ${cost(rules.maxCost)}${bound}`);
  return described;
}
