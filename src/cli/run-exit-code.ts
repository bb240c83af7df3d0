import { EXIT } from './exit-codes.js';
import type { CliIO } from './io.js';
import type { FinishedRun } from './run-reports.js';

/** A system whose results are mostly errors means the provider is down, not that the model is bad. */
const RUN_FAILED_ERROR_SHARE = 0.5;

export interface ExitRules {
  ci?: boolean;
  /** False with --no-gate, and for a shard (its gate is applied when the shards are merged). */
  gate: boolean;
  updateBaseline?: boolean;
}

/**
 * The exit code of finished runs, the same for `evals run` and `evals merge`: 3 when a run could
 * not be completed, 2 when a requested baseline update was refused, 1 when a gate failed.
 */
export function exitCode(done: FinishedRun[], options: ExitRules, io: CliIO): number {
  let runFailed = false;
  let gateFailed = false;
  for (const { outcome, assessment, judging } of done) {
    const { summary } = outcome;
    for (const e of judging.judgeErrors) {
      if (e.errors / e.total > RUN_FAILED_ERROR_SHARE) {
        io.err(`${summary.suite}: the judge of ${e.a} vs ${e.b} errored on ${e.errors} of ${e.total} pairs; the comparison could not be completed.`);
        runFailed = true;
      }
    }
    if (judging.skippedJudges && options.ci) {
      io.err(`${summary.suite}: ${judging.skippedJudges} LLM judge${judging.skippedJudges === 1 ? ' was' : 's were'} skipped for a missing key; under --ci every judge must run.`);
      runFailed = true;
    }
    for (const system of summary.systems) {
      if (system.skipped && options.ci) {
        io.err(`${summary.suite}: ${system.system} was skipped (${system.skipped}); under --ci every system must run.`);
        runFailed = true;
      }
      if (system.results > 0 && system.error / system.results > RUN_FAILED_ERROR_SHARE) {
        io.err(`${summary.suite}: ${system.system} errored on ${system.error} of ${system.results} results; the run could not be completed.`);
        runFailed = true;
      }
    }
    if (options.gate && !assessment.gate.passed) gateFailed = true;
    if (!summary.complete) {
      io.err(`${summary.suite}: the run is incomplete (${summary.systems.reduce((n, s) => n + s.results, 0)} of ${summary.planned} results); finish it with: evals run --resume ${summary.runId}`);
      runFailed = true;
    }
  }
  // --update-baseline that could not be done is a failed request, not a pass: CI must notice.
  const baselineRefused = Boolean(options.updateBaseline) && done.some(({ assessment }) => !assessment.baselineWritten);
  return runFailed ? EXIT.runFailed : baselineRefused ? EXIT.badInput : gateFailed ? EXIT.gateFailed : EXIT.ok;
}
