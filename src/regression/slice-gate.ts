import { resolveSliceKey } from '../dataset/case-slices.js';
import { formatPercent } from '../format.js';
import type { SliceRow, SlicesSummary } from '../store/slice-summary.js';
import { cost, decisionRuleFailures, limitFailure, type DecisionRules } from './decision-gate.js';
import { SLICE_ALPHA } from './slices.js';

// The gate's per-slice rules (`gate.slices: { multi: { min_recall: 0.9 } }`): the decision rules
// and a pass-rate floor, judged on one slice's numbers, and `no_slice_regressed`, which fails on
// any slice the Holm-corrected McNemar calls regressed.

export interface SliceRules extends DecisionRules {
  minPassRate?: number;
}

export interface SliceGateRules {
  /** Keyed as the suite file writes them: `multi` or `turns=multi`. */
  slices?: Record<string, SliceRules>;
  noSliceRegressed?: boolean;
}

/** The slices that occur in the run, per slice_by name, for resolving a gate key. */
function slicesIn(summary: SlicesSummary): Map<string, Set<string>> {
  const slices = new Map<string, Set<string>>(summary.by.map((by) => [by, new Set<string>()]));
  for (const row of summary.rows) slices.get(row.by)?.add(row.value);
  return slices;
}

/** `4 pass→fail, 0 fail→pass, McNemar p 0.125, Holm-adjusted 0.031`. */
function describeTransitions(row: SliceRow): string {
  return `${row.passToFail} pass→fail, ${row.failToPass} fail→pass, McNemar p ${row.pValue.toPrecision(2)}, Holm-adjusted ${row.holmP.toPrecision(2)}`;
}

/** One line per failed rule, `suite/system: slice turns=multi: what, its numbers, the limit`. */
export function sliceGateFailures(suite: string, summary: SlicesSummary | undefined, systems: string[], rules: SliceGateRules, gateOnBound?: boolean): string[] {
  if (!summary) return [];
  const failures: string[] = [];
  const gated = summary.rows.filter((row) => systems.includes(row.system));
  for (const [written, sliceRules] of Object.entries(rules.slices ?? {})) {
    const resolved = resolveSliceKey(written, slicesIn(summary));
    if ('problem' in resolved) continue; // said as a warning: the slice has no case in this run
    const onBound = sliceRules.onBound ?? gateOnBound ?? false;
    for (const row of gated.filter((r) => r.key === resolved.key)) {
      const at = `${suite}/${row.system}: slice ${row.key}`;
      const passRate = limitFailure('pass rate', row.passRate, sliceRules.minPassRate, 'min', onBound);
      if (passRate) failures.push(`${at}: ${passRate} (${row.pass} of ${row.cases} cases)`);
      for (const decision of row.decisions) for (const line of decisionRuleFailures(decision, { ...sliceRules, onBound })) failures.push(`${at}: ${line}`);
    }
  }
  if (rules.noSliceRegressed) {
    for (const row of gated.filter((r) => r.regressed)) {
      failures.push(
        `${suite}/${row.system}: slice ${row.key} regressed (no_slice_regressed): ${describeTransitions(row)} < ${SLICE_ALPHA}; pass rate ${formatPercent(row.passRate?.estimate)} over ${row.cases} cases`,
      );
    }
  }
  return failures;
}

/** Slice rules that judged nothing must say so: a slice with no case in this run (a --filter) is not a pass. */
export function sliceRuleWarnings(summary: SlicesSummary | undefined, rules: SliceGateRules): string[] {
  const warnings: string[] = [];
  if (rules.noSliceRegressed && !summary) warnings.push('no_slice_regressed was not checked: the run has no slices (its run.json names no slice_by)');
  else if (rules.noSliceRegressed && !summary?.baselineRunId) warnings.push('no_slice_regressed was not checked: no compared-with run, so no slice can have regressed');
  for (const [written, sliceRules] of Object.entries(rules.slices ?? {})) {
    const resolved = summary ? resolveSliceKey(written, slicesIn(summary)) : undefined;
    if (!resolved || 'problem' in resolved) {
      warnings.push(`gate.slices.${written} was not checked: no case of this run is in that slice`);
      continue;
    }
    const rows = summary!.rows.filter((row) => row.key === resolved.key);
    const decisionRules = [sliceRules.minRecall, sliceRules.minPrecision, sliceRules.maxFalsePositiveRate, sliceRules.maxCost].some((r) => r !== undefined);
    if (decisionRules && !rows.some((row) => row.decisions.length)) warnings.push(`gate.slices.${written}: its decision rules were not checked: no check is tied to a yes/no label column`);
  }
  return warnings;
}

/** The slice rules in the suite file's words. */
export function describeSliceRules(rules: SliceGateRules): string[] {
  const described: string[] = [];
  for (const [written, r] of Object.entries(rules.slices ?? {})) {
    const bound = r.onBound ? ' (95% bound)' : '';
    const parts = [
      r.minPassRate !== undefined ? `min_pass_rate ${formatPercent(r.minPassRate)}` : undefined,
      r.minRecall !== undefined ? `min_recall ${formatPercent(r.minRecall)}` : undefined,
      r.minPrecision !== undefined ? `min_precision ${formatPercent(r.minPrecision)}` : undefined,
      r.maxFalsePositiveRate !== undefined ? `max_false_positive_rate ${formatPercent(r.maxFalsePositiveRate)}` : undefined,
      r.maxCost !== undefined ? `max_cost ${cost(r.maxCost)}` : undefined,
    ].filter((part) => part !== undefined);
    if (parts.length) described.push(`slice ${written}: ${parts.join(', ')}${bound}`);
  }
  if (rules.noSliceRegressed) described.push('no_slice_regressed');
  return described;
}
