import type { PairwiseSummary } from '../judge/summarize.js';
import type { Assessment } from '../regression/assess-run.js';
import type { RunSummary } from '../store/summary.js';
import { wilsonInterval } from '../stats/wilson.js';
import type { RunMeta } from '../store/run-dir.js';
import type { GitInfo } from './git-info.js';
import { HISTORY_FORMAT_VERSION, MAX_REGRESSED_IDS, type HistoryRecord, type HistorySystem } from './record.js';

/** Interval bounds to 4 places: enough for a chart or a table, and a record a third shorter. */
const round = (x: number) => Math.round(x * 10_000) / 10_000;

/** A run that was compared and gated (evaluate's and merge's SuiteEvaluation has this shape). */
export interface FinishedRun {
  outcome: { runDir: string; summary: RunSummary };
  assessment: Assessment;
  judging: { summary?: PairwiseSummary };
}

export interface RecordContext {
  meta: RunMeta;
  git: GitInfo | null;
  dataset: { hash: string; cases: number };
}

/** One finished run's history line, from what evaluate (or merge) already computed: no file is read here. */
export function buildHistoryRecord({ outcome, assessment, judging }: FinishedRun, { meta, git, dataset }: RecordContext): HistoryRecord {
  const { summary } = outcome;
  const regressionOf = new Map(assessment.regression.systems.map((s) => [s.system, s]));
  const identityOf = new Map(meta.systems.map((s) => [s.name, s.hashes ?? null]));
  const systems: HistorySystem[] = summary.systems
    .filter((s) => !s.skipped)
    .map((s) => {
      const wilson = wilsonInterval(s.pass, s.pass + s.fail);
      const regressed =
        regressionOf
          .get(s.system)
          ?.cases.filter((c) => c.transition === 'regressed')
          .map((c) => c.caseId) ?? [];
      return {
        name: s.system,
        provider: s.provider,
        identity: identityOf.get(s.system) ?? null,
        passRate: s.passRate,
        low: round(wilson.low),
        high: round(wilson.high),
        pass: s.pass,
        fail: s.fail,
        error: s.error,
        costUsd: s.costUsd,
        inputTokens: s.inputTokens,
        outputTokens: s.outputTokens,
        latencyP50Ms: s.latencyP50Ms,
        latencyP95Ms: s.latencyP95Ms,
        regressions: regressed.length,
        regressed: regressed.slice(0, MAX_REGRESSED_IDS),
      };
    });
  const comparisons = (judging.summary?.comparisons ?? []).map((c) => ({ a: c.a, b: c.b, judge: c.judge, n: c.n, winRate: c.winRate, low: round(c.low), high: round(c.high) }));
  const { gate } = assessment;
  return {
    formatVersion: HISTORY_FORMAT_VERSION,
    runId: summary.runId,
    suite: summary.suite,
    time: meta.startedAt,
    git,
    dataset,
    repeat: summary.repeat,
    ...(meta.mergedFrom ? { shards: meta.mergedFrom.length } : {}),
    baselineRunId: assessment.regression.baselineRunId,
    systems,
    comparisons,
    gate: { passed: gate.passed, applied: gate.systems.length + gate.pairs.length > 0 },
  };
}
