import type { Assessment } from '../regression/assess-run.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import type { RunOutcome } from '../run/run-suite.js';
import type { JudgingStep } from './judge-after-run.js';

/** One suite's finished run, as `evaluate` returns it. */
export interface SuiteEvaluation {
  /** The run (a merged run of shards has no loaded suite, only its folder and numbers). */
  outcome: Pick<RunOutcome, 'runDir' | 'summary'>;
  assessment: Assessment;
  judging: JudgingStep;
}

/**
 * - `passed`: every suite ran and its gate passed (or `gate: false`);
 * - `gate-failed`: a gate failed (regressions, thresholds, errored cases, win rate);
 * - `run-failed`: a run could not be completed (provider or judge down, incomplete, under `ci` a skipped system);
 * - `baseline-refused`: `updateBaseline` was asked for a run that may not become the baseline;
 * - `interrupted`: the signal was aborted; the partial run is not compared or gated.
 */
export type EvaluationVerdict = 'passed' | 'gate-failed' | 'run-failed' | 'baseline-refused' | 'interrupted';

export interface VerdictOptions {
  ci?: boolean;
  /** False: the gate is reported but does not fail the verdict (`--no-gate`, and a shard, whose gate is applied to the merged run). */
  gate?: boolean;
  updateBaseline?: boolean;
  interrupted?: boolean;
  /** How the user runs evals (`npx evals`), for the hint to resume an incomplete run. */
  command?: string;
  /** `--no-suite-regressed`: one regressed case in any suite fails the whole run, whatever that suite's own gate allows. */
  noSuiteRegressed?: boolean;
}

/** The rule across suites, said whichever way it went, so CI logs name the rule that decided. */
export interface CrossSuiteGate {
  rule: 'no_suite_regressed' | 'each suite gate';
  passed: boolean;
  /** Suites with a regressed case on a gated system. */
  regressed: { suite: string; system: string; cases: string[] }[];
}

/**
 * `no_suite_regressed`: may a candidate from this run become the next champion? Not if any suite it ran
 * has a case that went from pass to fail on a system its gate checks, even one the suite's own
 * `max_regressions` tolerates. Without the rule, each suite's own gate decides.
 */
export function crossSuiteGate(done: SuiteEvaluation[], noSuiteRegressed: boolean | undefined): CrossSuiteGate {
  const regressed: CrossSuiteGate['regressed'] = [];
  for (const { outcome, assessment } of done) {
    for (const system of assessment.regression.systems.filter((s) => assessment.gate.systems.includes(s.system))) {
      const cases = system.cases.filter((c) => c.transition === 'regressed').map((c) => c.caseId);
      if (cases.length) regressed.push({ suite: outcome.summary.suite, system: system.system, cases });
    }
  }
  if (!noSuiteRegressed) return { rule: 'each suite gate', passed: done.every(({ assessment }) => assessment.gate.passed), regressed };
  return { rule: 'no_suite_regressed', passed: regressed.length === 0, regressed };
}

/** A system (or judge) whose results are mostly errors means the provider is down, not that the model is bad. */
const RUN_FAILED_ERROR_SHARE = 0.5;

const EXIT_OF: Record<EvaluationVerdict, ExitCode> = {
  passed: EXIT.ok,
  'gate-failed': EXIT.gateFailed,
  'baseline-refused': EXIT.badInput,
  'run-failed': EXIT.runFailed,
  interrupted: EXIT.interrupted,
};

export function exitCodeOf(verdict: EvaluationVerdict): ExitCode {
  return EXIT_OF[verdict];
}

/**
 * The verdict of finished suites, with one line per reason the run failed. The worst reason wins:
 * a run that could not be completed says nothing about the gate.
 */
export function verdictOf(done: SuiteEvaluation[], options: VerdictOptions): { verdict: EvaluationVerdict; problems: string[] } {
  if (options.interrupted) return { verdict: 'interrupted', problems: [] };
  const problems: string[] = [];
  let gateFailed = false;
  for (const { outcome, assessment, judging } of done) {
    const { summary } = outcome;
    for (const e of judging.judgeErrors) {
      if (e.errors / e.total > RUN_FAILED_ERROR_SHARE)
        problems.push(`${summary.suite}: the judge of ${e.a} vs ${e.b} errored on ${e.errors} of ${e.total} pairs; the comparison could not be completed.`);
    }
    if (judging.skippedJudges && options.ci) {
      problems.push(`${summary.suite}: ${judging.skippedJudges} LLM judge${judging.skippedJudges === 1 ? ' was' : 's were'} skipped for a missing key; under --ci every judge must run.`);
    }
    for (const system of summary.systems) {
      if (system.skipped && options.ci) problems.push(`${summary.suite}: ${system.system} was skipped (${system.skipped}); under --ci every system must run.`);
      if (system.results > 0 && system.error / system.results > RUN_FAILED_ERROR_SHARE) {
        problems.push(`${summary.suite}: ${system.system} errored on ${system.error} of ${system.results} results; the run could not be completed.`);
      }
    }
    if (options.gate !== false && !assessment.gate.passed) gateFailed = true;
    if (options.gate !== false && options.noSuiteRegressed && !crossSuiteGate([{ outcome, assessment, judging }], true).passed) gateFailed = true;
    if (!summary.complete) {
      problems.push(
        `${summary.suite}: the run is incomplete (${summary.systems.reduce((n, s) => n + s.results, 0)} of ${summary.planned} results); finish it with: ${options.command ?? 'evals'} run --resume ${summary.runId}`,
      );
    }
  }
  if (problems.length) return { verdict: 'run-failed', problems };
  // --update-baseline that could not be done is a failed request, not a pass: CI must notice.
  if (options.updateBaseline && done.some(({ assessment }) => !assessment.baselineWritten)) return { verdict: 'baseline-refused', problems };
  return { verdict: gateFailed ? 'gate-failed' : 'passed', problems };
}
