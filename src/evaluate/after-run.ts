import path from 'node:path';
import { assessRun, type GateFlags } from '../regression/assess-run.js';
import type { ReportFormat } from '../report/write-reports.js';
import type { RetryPolicy } from '../providers/retry.js';
import type { JudgeEventListener } from '../judge/events.js';
import type { RunOutcome } from '../run/run-suite.js';
import type { LoadedSuite } from '../suite/load.js';
import type { HistoryOutcome } from '../history/record-run.js';
import { measureGraderAgreement } from '../calibration/agreement-gate.js';
import type { CheckSpec } from '../types.js';
import { judgeAfterRun } from './judge-after-run.js';
import type { SuiteEvaluation } from './verdict.js';
import { finishRun } from './write-run-reports.js';
import { whyNotRecorded } from '../history/record-run.js';
import { datasetHash } from '../history/dataset-hash.js';

export { writeRunSummaryMarkdown } from './write-run-reports.js';

// What evaluate() does once a suite's answers are in: pairwise judging, grader agreement, the
// comparison with the baseline, the gate, the reports and the history record. evaluate() imports
// this module when the first suite has run, so `evals run` does not read and compile it (the
// assessment, the statistics, the report and history writers) before its first model request.

export interface AfterRunOptions {
  env: NodeJS.ProcessEnv;
  concurrency?: number;
  signal?: AbortSignal;
  retryPolicy?: RetryPolicy;
  baseline?: string;
  updateBaseline?: boolean;
  /** The gate flags (`--max-regressions`…), each overriding the suite's `gate:` value. */
  flags: GateFlags;
  /** Only some cases ran (a filter, a limit, a shard, an incomplete run): missing cases are not removed ones. */
  partial: boolean;
  formats: ReportFormat[];
  stepSummary?: string;
  /** Progress of the judging of `compare:` pairs. */
  onJudgeEvent?: JudgeEventListener;
}

/** One finished run judged, assessed against its baseline and gate, reported and recorded in the history. */
export async function assessSuite(
  suite: LoadedSuite,
  outcome: RunOutcome,
  options: AfterRunOptions,
): Promise<SuiteEvaluation & { outcome: RunOutcome; reports: Record<string, string>; history: HistoryOutcome }> {
  const { env } = options;
  const reportsDir = path.join(suite.root, 'reports');
  const judging = await judgeAfterRun(outcome, { env, concurrency: options.concurrency, signal: options.signal, retryPolicy: options.retryPolicy, onEvent: options.onJudgeEvent });
  // min_grader_agreement reads this run's own human labels when it has some, else the saved calibration.
  const graderAgreement = await measureGraderAgreement(outcome.runDir, suite.name, suite.config.checks as CheckSpec[], suite.config.gate, reportsDir);
  // The history record's hash of the run's cases, taken before the assessment: at a million cases it
  // holds ~45 MB of ids for a moment, and beside the assessment's columns that was the run's peak.
  const dataset = whyNotRecorded(outcome) ? undefined : await datasetHash(outcome.runDir);
  const assessment = await assessRun(outcome.runDir, suite.name, {
    reportsDir,
    graderAgreement,
    baseline: options.baseline,
    gate: suite.config.gate,
    flags: options.flags,
    partial: options.partial,
    updateBaseline: options.updateBaseline,
    winRates: judging.winRates,
    judgeErrors: judging.judgeErrors,
  });
  const finished = await finishRun({ outcome, assessment, judging }, { formats: options.formats, stepSummary: options.stepSummary, env, dataset });
  return { outcome, assessment, judging, ...finished };
}
