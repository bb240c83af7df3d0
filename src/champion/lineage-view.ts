import { formatPercent } from '../format.js';
import { findPromptedSystem } from '../regression/prompted-system.js';
import { wilsonInterval } from '../stats/wilson.js';
import { latestRunDir, readSummary } from '../store/read-run.js';
import { lineagePath, readLineage, type LineageLine, type RateWithInterval } from './lineage-file.js';
import { otherSuitesNow } from './other-suites.js';

// `evals lineage <suite>`: the generations in order. The prompted baseline (a general model with the
// behaviour's prompt, the floor) comes first, from the suite's latest run; then every champion from
// lineage.jsonl with the numbers recorded when it was promoted. Two things are worth a warning: a
// floor that is not the lowest scorer (a "better" generation scores under it), and a step whose win
// over its predecessor is not distinguishable from a coin flip (its 95% interval includes 50%).

export interface LineageStep {
  /** 0 for the prompted baseline. */
  generation: number;
  system: string;
  label?: string;
  runId?: string;
  provider?: string;
  at?: string;
  passRate: number | null;
  passRateInterval?: { low: number; high: number };
  /** Over the step before (absent for the prompted baseline, or when the run did not judge the two). */
  winRateVsPrevious?: RateWithInterval & { n?: number; judge?: string };
  /** Other suites when this step was promoted (the prompted baseline: now), this system's pass rate there. */
  otherSuites: { suite: string; runId: string; passRate: number | null }[];
}

export interface LineageView {
  suite: string;
  steps: LineageStep[];
  warnings: string[];
}

function promptedStep(reportsDir: string, suite: string): LineageStep | undefined {
  const run = latestRunDir(reportsDir, suite);
  const summary = run ? readSummary(run) : undefined;
  const prompted = summary ? findPromptedSystem(summary.systems.filter((s) => !s.skipped)) : undefined;
  if (!summary || !prompted) return undefined;
  const scored = prompted.pass + prompted.fail;
  const interval = wilsonInterval(prompted.pass, scored);
  return {
    generation: 0,
    system: prompted.system,
    runId: summary.runId,
    provider: prompted.provider,
    passRate: prompted.passRate,
    passRateInterval: { low: interval.low, high: interval.high },
    otherSuites: otherSuitesNow(reportsDir, suite).map((o) => ({ suite: o.suite, runId: o.runId, passRate: o.passRates[prompted.system] ?? null })),
  };
}

function championStep(line: LineageLine, index: number): LineageStep {
  return {
    generation: line.generation ?? index + 1,
    system: line.system,
    ...(line.label ? { label: line.label } : {}),
    runId: line.runId,
    provider: line.provider,
    at: line.at,
    passRate: line.passRate,
    passRateInterval: line.passRateInterval,
    ...(line.winRateVsPrevious ? { winRateVsPrevious: line.winRateVsPrevious } : {}),
    otherSuites: (line.otherSuites ?? []).map((o) => ({ suite: o.suite, runId: o.runId, passRate: o.passRates[line.system] ?? null })),
  };
}

/** `generation 2 (v2)`. */
export function stepName(step: LineageStep): string {
  if (step.generation === 0) return `the prompted baseline (${step.system})`;
  return `generation ${step.generation} (${step.label ?? step.system})`;
}

/** The lineage of a suite from its reports folder. */
export function lineageView(reportsDir: string, suite: string): LineageView {
  const prompted = promptedStep(reportsDir, suite);
  const champions = readLineage(lineagePath(reportsDir, suite)).map(championStep);
  const warnings: string[] = [];
  if (!prompted) warnings.push(`no prompted baseline: the latest run of ${suite} has no system named "prompted" that ran`);
  if (prompted?.passRate !== null && prompted?.passRate !== undefined) {
    const below = champions.filter((c) => c.passRate !== null && c.passRate < prompted.passRate!);
    if (below.length) {
      warnings.push(`the prompted baseline (${formatPercent(prompted.passRate)}) is not the lowest scorer: ${below.map((c) => `${stepName(c)} scored ${formatPercent(c.passRate)}`).join(', ')}`);
    }
  }
  for (const step of champions) {
    const w = step.winRateVsPrevious;
    if (w && w.low <= 0.5 && w.high >= 0.5) {
      warnings.push(`${stepName(step)} won over its predecessor with ${formatPercent(w.rate)}, but its 95% interval (${formatPercent(w.low)}–${formatPercent(w.high)}) includes 50%: not a clear win`);
    }
  }
  return { suite, steps: [...(prompted ? [prompted] : []), ...champions], warnings };
}
