import type { GateBlock } from '../schema/suite-file.js';
import { readRunMeta, RUN_FILES } from '../store/run-dir.js';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { readBaseline } from './baseline-file.js';
import { writeRunBaseline } from './run-baseline.js';
import type { RepeatPolicy } from './case-verdict.js';
import type { BaselineSource } from './snapshot.js';
import type { SuiteRegression } from './diff-runs.js';
import { evaluateGate, type GatedWinRate, type GateResult, type GateRules, type JudgeErrors } from './gate.js';
import { baselinePath, loadReference } from './load-snapshot.js';
import { diffRun } from './diff-run.js';
import { promptedSystemWarnings } from './prompted-system.js';
import { namesChampion } from '../store/champion-file.js';
import { compareDecisions, summaryOfRun, type DecisionsView } from './decisions.js';
import { readCases, readResults, readSummary } from '../store/read-run.js';
import { writeSummarySlices, type SlicesSummary } from '../store/slice-summary.js';
import type { RunSummary } from '../store/summary.js';
import { sliceRuleWarnings, type SliceRules } from './slice-gate.js';
import { sliceRun } from './slices.js';
import { collectGarbage } from '../heap.js';

/** Gate flags from the CLI; each overrides the suite's `gate:` value. */
export interface GateFlags {
  maxRegressions?: number;
  minPassRate?: number;
  maxDrop?: number;
  failOnErrors?: boolean;
}

export interface AssessOptions {
  reportsDir: string;
  /** `--baseline <file|run-id>`; default the committed baseline.json. */
  baseline?: string;
  gate: GateBlock;
  flags?: GateFlags;
  /** --filter/--limit/--shard: missing cases were not removed, and the baseline must not be replaced. */
  partial?: boolean;
  updateBaseline?: boolean;
  winRates?: GatedWinRate[];
  judgeErrors?: JudgeErrors[];
  /** `min_grader_agreement`, already measured (src/calibration/): its failures and the rules it applied. */
  graderAgreement?: { failures: string[]; rules: string[] };
}

export interface Assessment {
  regression: SuiteRegression;
  /** Decisions (checks tied to a yes/no label) per system, beside the compared-with run's when known. */
  decisions?: DecisionsView;
  /** Every number per slice (`slice_by:`), worst first; also in summary.json. */
  slices?: SlicesSummary;
  gate: GateResult;
  warnings: string[];
  /** Path of the baseline written by --update-baseline. */
  baselineWritten?: string;
}

export function gateRules(gate: GateBlock, flags: GateFlags = {}): GateRules {
  // A regression against the baseline fails unless the suite opts out (`max_regressions: null`):
  // a suite without a gate must not let 100% → 0% pass.
  const stated = flags.maxRegressions ?? gate.max_regressions;
  return {
    maxRegressions: stated === null ? undefined : (stated ?? 0),
    defaultedMaxRegressions: stated === undefined,
    minPassRate: flags.minPassRate ?? gate.min_pass_rate,
    maxDrop: flags.maxDrop ?? gate.max_drop,
    failOnErrors: flags.failOnErrors ?? gate.fail_on_errors ?? true,
    minWinRate: gate.min_win_rate,
    minWinRateVsChampion: gate.min_win_rate_vs_champion,
    winRateBound: gate.win_rate_bound,
    systems: gate.systems,
    minRecall: gate.min_recall,
    minPrecision: gate.min_precision,
    maxFalsePositiveRate: gate.max_false_positive_rate,
    maxCost: gate.max_cost,
    onBound: gate.on_bound,
    slices: gate.slices && sliceRules(gate.slices),
    noSliceRegressed: gate.no_slice_regressed,
  };
}

/** `gate.slices` in the suite file's words, as the gate reads them. */
function sliceRules(written: NonNullable<GateBlock['slices']>): Record<string, SliceRules> {
  return Object.fromEntries(
    Object.entries(written).map(([key, r]) => [
      key,
      { minPassRate: r.min_pass_rate, minRecall: r.min_recall, minPrecision: r.min_precision, maxFalsePositiveRate: r.max_false_positive_rate, maxCost: r.max_cost, onBound: r.on_bound },
    ]),
  );
}

/** Compare a finished run with its baseline, apply the gate, and (on request) replace the baseline. */
export async function assessRun(runDir: string, suite: string, options: AssessOptions): Promise<Assessment> {
  const reference = await loadReference(options.baseline, suite, options.reportsDir);
  try {
    return await assessWith(reference, runDir, suite, options);
  } finally {
    reference?.close();
  }
}

async function assessWith(reference: BaselineSource | undefined, runDir: string, suite: string, options: AssessOptions): Promise<Assessment> {
  // Keep what the run was compared with, so `evals report` later gives the same verdict.
  if (reference && !options.baseline?.endsWith(RUN_FILES.comparedWith)) reference.copyTo(path.join(runDir, RUN_FILES.comparedWith));
  const policy: RepeatPolicy = options.gate.repeats ?? 'all';
  const comparison = await diffRun(reference, runDir, { policy, partial: options.partial });
  const rules = gateRules(options.gate, options.flags);
  const summary = readSummary(runDir);
  const decisions = compareDecisions(summary, summaryOfRun(options.reportsDir, suite, reference?.runId), reference?.runId);
  const slices = await slicesOfRun(runDir, comparison, summary);
  const gated = evaluateGate(comparison, rules, options.winRates, options.judgeErrors, decisions.rows, slices);
  const agreement = options.graderAgreement;
  const gate = agreement
    ? { ...gated, passed: gated.passed && agreement.failures.length === 0, failures: [...gated.failures, ...agreement.failures], rules: [...gated.rules, ...agreement.rules] }
    : gated;
  const warnings = promptedSystemWarnings(comparison);
  // Read from run.json, so `evals report` on a stored run says it too.
  for (const u of readRunMeta(runDir).ungradedRubrics ?? []) {
    warnings.push(`rubric ${u.rubric} was not graded: set ${u.variable} to call its grader ${u.grader} (this run's pass rates leave it out)`);
  }
  warnings.push(...decisionRuleWarnings(rules, decisions));
  warnings.push(...sliceRuleWarnings(slices, rules));
  if (rules.minWinRate !== undefined && !options.winRates?.length && !options.judgeErrors?.length) {
    warnings.push('min_win_rate was not checked: no comparison was judged in this run');
  }
  if (rules.minWinRateVsChampion !== undefined && !options.winRates?.some(namesChampion)) {
    warnings.push('min_win_rate_vs_champion was not checked: nothing was judged against a champion in this run (none promoted yet, or its judge did not run)');
  }
  if (!reference && !options.updateBaseline) warnings.push(`no saved baseline yet (reports/${suite}/baseline.json): run with --update-baseline to record one`);
  for (const s of comparison.systems) {
    if (s.changed)
      warnings.push(`${s.system}: ${s.changed} case${s.changed === 1 ? '' : 's'} changed in the dataset since the baseline (same id, different row); their transitions compare different questions`);
  }

  let baselineWritten: string | undefined;
  if (options.updateBaseline) {
    const refusal = options.partial
      ? 'the run covered only part of the suite (--filter/--limit/--shard)'
      : comparison.systems.some((s) => s.counts.errored > 0)
        ? 'the run has errored cases; fix them or rerun before recording a baseline'
        : undefined;
    if (refusal) warnings.push(`baseline not updated: ${refusal}`);
    else {
      baselineWritten = baselinePath(options.reportsDir, suite);
      // The committed baseline was read for the comparison already: not indexed twice.
      const committed = options.baseline === undefined || options.baseline === 'baseline' ? reference : undefined;
      const previous = committed ?? (existsSync(baselineWritten) ? readBaseline(baselineWritten) : undefined);
      let kept: string[];
      try {
        // The previous baseline is read only for systems this run left out: when none was, its index
        // is let go before the run's results are indexed for writing.
        const ran = new Set(comparison.systems.map((s) => s.system));
        const keeps = previous && Object.keys(previous.systems).some((system) => !ran.has(system));
        if (!keeps) previous?.close();
        // A closed index (~60 MB of typed arrays at a million cases) is freed only by a full collection, which
        // V8 would not start before the run's results were indexed beside it: replacing a baseline peaked there.
        collectGarbage();
        ({ kept } = writeRunBaseline(runDir, baselineWritten, keeps ? previous : undefined));
        // And its index of the run's results (~35 MB), before the history record sorts the run's ids.
        collectGarbage();
      } finally {
        if (previous !== committed) previous?.close();
      }
      if (kept.length) warnings.push(`baseline: kept ${kept.join(', ')} from the previous baseline (${kept.length === 1 ? 'it' : 'they'} did not run)`);
    }
  }
  return { regression: comparison, ...(decisions.rows.length ? { decisions } : {}), ...(slices ? { slices } : {}), gate, warnings, baselineWritten };
}

/** The run's numbers per slice (run.json's slice_by), also written into its summary.json; none without slice_by. */
async function slicesOfRun(runDir: string, comparison: SuiteRegression, summary: RunSummary | undefined): Promise<SlicesSummary | undefined> {
  const sliceBy = readRunMeta(runDir).sliceBy;
  if (!sliceBy?.length || !summary) return undefined;
  const slices = await sliceRun({ cases: await readCases(runDir), results: readResults(runDir), comparison, sliceBy, costs: summary.costs });
  writeSummarySlices(runDir, summary, slices);
  return slices;
}

/** Decision rules that had nothing to judge must say so: a green gate that checked nothing is not a pass. */
function decisionRuleWarnings(rules: GateRules, decisions: DecisionsView): string[] {
  const set = [rules.minRecall, rules.minPrecision, rules.maxFalsePositiveRate, rules.maxCost].some((r) => r !== undefined);
  if (set && !decisions.rows.length) return ['decision rules (min_recall, min_precision, max_false_positive_rate, max_cost) were not checked: no check is tied to a yes/no label column'];
  if (rules.maxCost !== undefined && !decisions.rows.some((r) => r.decision.costPerCase)) return ['max_cost was not checked: no costs: were given (suite or check)'];
  return [];
}
