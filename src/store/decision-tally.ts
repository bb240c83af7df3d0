import { confusionMetrics, type Cells, type ConfusionMetrics, type ErrorCosts } from '../stats/confusion.js';
import type { CheckSpec, ResultRecord } from '../types.js';

// Errors by kind, counted as results stream in (like the rest of the summary): per system and per
// decision check, each case's true/false positives and negatives. Per case, not per result, so the
// bootstrap can resample cases with their repeats.

/** A check's `costs:` or the suite's, as written in YAML. */
export interface CostsAsWritten {
  false_positive: number;
  false_negative: number;
}

/** One decision's numbers for one system in summary.json. */
export interface DecisionSummary extends ConfusionMetrics {
  /** `should_trigger: tool-called canvas`: the label column and the check that answers it. */
  name: string;
  /** The label column. */
  label: string;
  check: CheckSpec;
  costs?: ErrorCosts;
}

interface Decision {
  check: CheckSpec;
  cases: Map<string, Cells>;
}

/** `should_trigger: tool-called canvas`. */
function decisionName(spec: CheckSpec): { name: string; label: string } {
  const template = String(spec.label ?? spec.expect ?? '');
  const label = /\{\{\s*([^}]+?)\s*\}\}/.exec(template)?.[1] ?? template;
  const target = ['tool', 'value', 'path'].map((key) => spec[key]).find((v) => typeof v === 'string' || typeof v === 'number');
  return { name: `${label}: ${spec.type}${target === undefined ? '' : ` ${String(target)}`}`, label };
}

function costsOf(written: CostsAsWritten | undefined): ErrorCosts | undefined {
  return written ? { falsePositive: written.false_positive, falseNegative: written.false_negative } : undefined;
}

/** One system's decisions, fed results one at a time. */
export class DecisionTally {
  private readonly decisions = new Map<string, Decision>();

  add(record: ResultRecord): void {
    // Errored results have no decision: they are counted apart, as the run's errors.
    for (const result of record.checks) {
      if (!result.decision) continue;
      const key = JSON.stringify(result.spec);
      const decision = this.decisions.get(key) ?? { check: result.spec, cases: new Map<string, Cells>() };
      this.decisions.set(key, decision);
      const cells = decision.cases.get(record.caseId) ?? { tp: 0, fp: 0, tn: 0, fn: 0 };
      const { expected, predicted } = result.decision;
      if (predicted) cells[expected ? 'tp' : 'fp'] += 1;
      else cells[expected ? 'fn' : 'tn'] += 1;
      decision.cases.set(record.caseId, cells);
    }
  }

  /** The matrices, with intervals and (given costs, the check's own first) the expected cost per case. */
  summarize(suiteCosts?: CostsAsWritten): DecisionSummary[] {
    return [...this.decisions.values()].map((d) => {
      const costs = costsOf((d.check.costs as CostsAsWritten | undefined) ?? suiteCosts);
      return {
        ...decisionName(d.check),
        check: d.check,
        // Cases in id order: results arrive in any order, and the seeded bootstrap must see the same list every time.
        ...confusionMetrics(
          [...d.cases.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, cells]) => cells),
          { costs },
        ),
        ...(costs ? { costs } : {}),
      };
    });
  }
}
