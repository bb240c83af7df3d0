import { formatPercent } from '../format.js';
import { capabilitiesOf } from '../providers/registry.js';
import type { SuiteRegression } from './diff-runs.js';
import { evalsCommand } from '../invoked-as.js';
import { CHAMPION_SYSTEM, namesChampion } from '../store/champion-file.js';
import { decisionGateFailures, describeDecisionRules, type DecisionRules } from './decision-gate.js';
import type { DecisionRow } from './decisions.js';
import { describeSliceRules, sliceGateFailures, type SliceGateRules } from './slice-gate.js';
import type { SlicesSummary } from '../store/slice-summary.js';

export interface GateRules extends DecisionRules, SliceGateRules {
  maxRegressions?: number;
  minPassRate?: number;
  maxDrop?: number;
  /** Errored results fail the gate (default true): an outage must not pass as green. */
  failOnErrors: boolean;
  minWinRate?: number;
  /** The win rate over the champion must reach this (from the non-champion side of the comparison). */
  minWinRateVsChampion?: number;
  /** Which number the win-rate rules read: the 95% lower bound (default) or the point estimate. */
  winRateBound?: 'lower' | 'point';
  /** Systems the gate applies to; default every system that is not a `column:` recording. */
  systems?: string[];
  /** `maxRegressions` is 0 because the suite did not say: regressions fail unless a suite opts out. */
  defaultedMaxRegressions?: boolean;
}

/** A comparison's win rate, for `min_win_rate` (lower bound of the 95% interval by default). */
export interface GatedWinRate {
  a: string;
  b: string;
  low: number;
  /** Upper 95% bound: the lower bound from b's side is 1 − high. */
  high: number;
  estimate: number;
}

/** Pairs a judge could not judge: errors, never ties, so they fail the gate like errored cases. */
export interface JudgeErrors {
  a: string;
  b: string;
  judge: string;
  errors: number;
  total: number;
}

export interface GateResult {
  passed: boolean;
  /** One line per failed rule, naming the numbers. */
  failures: string[];
  systems: string[];
  /** Compared pairs whose win rate the gate checked (`a vs b`). */
  pairs: string[];
  /** The rules applied, e.g. `max_regressions 0 (the default)`, `min_pass_rate 90.0%`. */
  rules: string[];
  /** Each system the gate did not check and why (`current: a recorded column, not gated`): said when it checked none. */
  ungated: string[];
}

/**
 * Why a gate that passed tested nothing (`it checked no system (current: a recorded column, not gated)`), or
 * undefined when it checked a system or a pair. Every place that shows a verdict says this instead of
 * "gate passed": a green check that tested no system must not read as a pass.
 */
export function gateNotApplied(gate: Pick<GateResult, 'passed' | 'systems' | 'pairs' | 'ungated'>): string | undefined {
  if (!gate.passed || gate.systems.length || gate.pairs.length) return undefined;
  return `it checked no system (${gate.ungated?.length ? gate.ungated.join('; ') : 'the suite has none'})`;
}

/** Why the gate leaves a system out, or undefined when it checks it. */
function whyNotGated(s: SuiteRegression['systems'][number], rules: GateRules): string | undefined {
  if (rules.systems ? !rules.systems.includes(s.system) : capabilitiesOf(s.provider).recorded) {
    return rules.systems ? `not in the gate's systems` : 'a recorded column, not gated';
  }
  return s.after.cases + s.counts.errored > 0 ? undefined : 'no results';
}

/** Apply the suite's gate (merged with CLI flags) to a comparison. */
export function evaluateGate(
  comparison: SuiteRegression,
  rules: GateRules,
  winRates: GatedWinRate[] = [],
  judgeErrors: JudgeErrors[] = [],
  decisions: DecisionRow[] = [],
  slices?: SlicesSummary,
): GateResult {
  const failures: string[] = [];
  const systems = comparison.systems.filter((s) => !whyNotGated(s, rules)).map((s) => s.system);
  for (const s of comparison.systems.filter((x) => systems.includes(x.system))) {
    const name = `${comparison.suite}/${s.system}`;
    const regressed = s.cases.filter((c) => c.transition === 'regressed').map((c) => c.caseId);
    if (rules.maxRegressions !== undefined && regressed.length > rules.maxRegressions) {
      const shown = regressed.slice(0, 10).join(', ') + (regressed.length > 10 ? `, … (${regressed.length - 10} more)` : '');
      failures.push(`${name}: ${regressed.length} regression${regressed.length === 1 ? '' : 's'} (max ${rules.maxRegressions}): ${shown}`);
    }
    if (rules.minPassRate !== undefined && s.after.passRate !== null && s.after.passRate < rules.minPassRate) {
      failures.push(`${name}: pass rate ${formatPercent(s.after.passRate)} is below the minimum ${formatPercent(rules.minPassRate)}`);
    }
    if (rules.maxDrop !== undefined && s.delta !== null && -s.delta > rules.maxDrop + 1e-12) {
      failures.push(
        `${name}: pass rate dropped ${(-s.delta * 100).toFixed(1)} points (${formatPercent(s.before.passRate)} → ${formatPercent(s.after.passRate)}), max ${(rules.maxDrop * 100).toFixed(1)}`,
      );
    }
    const errored = s.counts.errored;
    if (rules.failOnErrors && errored > 0) {
      failures.push(`${name}: ${errored} errored case${errored === 1 ? '' : 's'} (errors fail the gate; --no-fail-on-errors to allow)`);
    }
  }
  failures.push(...decisionGateFailures(comparison.suite, decisions, systems, rules));
  failures.push(...sliceGateFailures(comparison.suite, slices, systems, rules, rules.onBound));
  if (rules.minWinRate !== undefined) {
    for (const w of winRates) {
      const failure = winRateFailure(w, rules.minWinRate, rules.winRateBound);
      if (failure) failures.push(`${comparison.suite}: ${w.a} vs ${w.b}: ${failure}`);
    }
  }
  const vsChampion = winRates.filter(namesChampion).map(fromChallenger);
  if (rules.minWinRateVsChampion !== undefined) {
    for (const w of vsChampion) {
      const failure = winRateFailure(w, rules.minWinRateVsChampion, rules.winRateBound);
      if (failure) failures.push(`${comparison.suite}: ${w.a} vs ${CHAMPION_SYSTEM} (min_win_rate_vs_champion): ${failure}`);
    }
  }
  if (rules.failOnErrors) {
    for (const e of judgeErrors) {
      failures.push(
        `${comparison.suite}: ${e.a} vs ${e.b}: the judge (${e.judge}) errored on ${e.errors} of ${e.total} pairs (judge errors fail the gate; \`${evalsCommand()} judge <run>\` retries them)`,
      );
    }
  }
  const pairs = rules.minWinRate !== undefined ? winRates.map((w) => `${w.a} vs ${w.b}`) : rules.minWinRateVsChampion !== undefined ? vsChampion.map((w) => `${w.a} vs ${w.b}`) : [];
  const ungated = comparison.systems.filter((s) => whyNotGated(s, rules)).map((s) => `${s.system}: ${whyNotGated(s, rules)}`);
  return { passed: failures.length === 0, failures, systems, pairs, rules: describeRules(rules), ungated };
}

/** Why a win rate misses a minimum, on the bound the suite chose; undefined when it reaches it. */
function winRateFailure(w: GatedWinRate, minimum: number, bound: 'lower' | 'point' = 'lower'): string | undefined {
  if (bound === 'point') return w.estimate < minimum ? `win rate ${formatPercent(w.estimate)} is below the minimum ${formatPercent(minimum)} (win_rate_bound: point)` : undefined;
  return w.low < minimum ? `win rate ${formatPercent(w.estimate)}, but its 95% lower bound ${formatPercent(w.low)} is below the minimum ${formatPercent(minimum)}` : undefined;
}

/** A comparison with the champion as the challenger sees it: the champion always on side b. */
function fromChallenger(w: GatedWinRate): GatedWinRate {
  if (w.b === CHAMPION_SYSTEM) return w;
  return { a: w.b, b: w.a, estimate: 1 - w.estimate, low: 1 - w.high, high: 1 - w.low };
}

/** The rules in force, in the words of the suite file, so the terminal can say which ones applied. */
function describeRules(rules: GateRules): string[] {
  const described: string[] = [];
  if (rules.maxRegressions !== undefined) described.push(`max_regressions ${rules.maxRegressions}${rules.defaultedMaxRegressions ? ' (the default)' : ''}`);
  if (rules.minPassRate !== undefined) described.push(`min_pass_rate ${formatPercent(rules.minPassRate)}`);
  if (rules.maxDrop !== undefined) described.push(`max_drop ${(rules.maxDrop * 100).toFixed(1)} pts`);
  const bound = rules.winRateBound === 'point' ? ' (point estimate)' : '';
  if (rules.minWinRate !== undefined) described.push(`min_win_rate ${formatPercent(rules.minWinRate)}${bound}`);
  if (rules.minWinRateVsChampion !== undefined) described.push(`min_win_rate_vs_champion ${formatPercent(rules.minWinRateVsChampion)}${bound}`);
  described.push(...describeDecisionRules(rules));
  described.push(...describeSliceRules(rules));
  if (rules.failOnErrors) described.push('errors fail');
  return described;
}
