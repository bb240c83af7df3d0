import { confusionMetricsOfPatterns, countPattern, sortedPatterns, type CellPattern, type Cells, type ConfusionMetrics, type ErrorCosts } from '../stats/confusion.js';
import type { CheckSpec, ResultRecord } from '../types.js';

// Errors by kind, counted as results stream in (like the rest of the summary): per system and per
// decision check, each case's true/false positives and negatives. Per case, not per result, so the
// bootstrap can resample cases with their repeats. A case is held by id only until its last repeat
// is in; then only its pattern is counted (a million cases make a handful of patterns, not a
// million map entries).

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
  /** Cases whose repeats are not all in yet (or that errored on some), by id. */
  unfinished: Map<string, Cells>;
  /** Finished cases, counted by pattern. */
  patterns: Map<string, CellPattern>;
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

  /** `repeats`: results per case, when known; a case is finished when that many have decisions. */
  constructor(private readonly repeats?: number) {}

  add(record: ResultRecord): void {
    // Errored results have no decision: they are counted apart, as the run's errors.
    for (const result of record.checks) {
      if (!result.decision) continue;
      const key = JSON.stringify(result.spec);
      const decision = this.decisions.get(key) ?? { check: result.spec, unfinished: new Map<string, Cells>(), patterns: new Map<string, CellPattern>() };
      this.decisions.set(key, decision);
      const cells = decision.unfinished.get(record.caseId) ?? { tp: 0, fp: 0, tn: 0, fn: 0 };
      const { expected, predicted } = result.decision;
      if (predicted) cells[expected ? 'tp' : 'fp'] += 1;
      else cells[expected ? 'fn' : 'tn'] += 1;
      if (this.repeats !== undefined && cells.tp + cells.fp + cells.tn + cells.fn >= this.repeats) {
        decision.unfinished.delete(record.caseId);
        countPattern(decision.patterns, cells);
      } else decision.unfinished.set(record.caseId, cells);
    }
  }

  /** Finished cases' patterns with the unfinished cases (an errored repeat, an interrupted run) counted as they stand. */
  private allPatterns(d: Decision): CellPattern[] {
    const patterns = new Map([...d.patterns].map(([key, p]) => [key, { ...p }]));
    for (const cells of d.unfinished.values()) countPattern(patterns, { ...cells });
    return sortedPatterns(patterns);
  }

  /** The matrices, with intervals and (given costs, the check's own first) the expected cost per case. */
  summarize(suiteCosts?: CostsAsWritten): DecisionSummary[] {
    return [...this.decisions.values()].map((d) => {
      const costs = costsOf((d.check.costs as CostsAsWritten | undefined) ?? suiteCosts);
      return {
        ...decisionName(d.check),
        check: d.check,
        // Patterns in a fixed order: results arrive in any order, and the seeded bootstrap must see the same list every time.
        ...confusionMetricsOfPatterns(this.allPatterns(d), { costs }),
        ...(costs ? { costs } : {}),
      };
    });
  }
}
