// The programmatic entry point (`import { evaluate } from 'evals-harness'`): what the CLI does,
// without the terminal. Nothing here prints or exits; errors are ConfigurationError (bad input) or
// RunFailure (the run could not be completed). README "Use it from code" shows the main calls.

export { evaluate, type EvaluateOptions, type Evaluation, type EvaluatedSuite } from './evaluate/evaluate.js';
export { exitCodeOf, type EvaluationVerdict, type SuiteEvaluation } from './evaluate/verdict.js';
export type { NotRun } from './evaluate/check-selection.js';
export type { JudgingStep } from './evaluate/judge-after-run.js';
export { writeSuiteReports } from './evaluate/write-run-reports.js';
export { EXIT, type ExitCode } from './exit-codes.js';
export { loadSuite, listSuites, type LoadedSuite, type LoadSuiteOptions } from './suite/load.js';
export type { SuiteFile, SystemBlock, ComparisonBlock, GateBlock } from './schema/suite-file.js';
export { runSuite, type RunOptions, type RunOutcome, type SkippedSystem } from './run/run-suite.js';
export type { RunEvent, RunEventListener } from './run/events.js';
export type { Shard } from './run/shard.js';
export type { RetryPolicy } from './providers/retry.js';
export { readResults, readCases, readSummary, latestRunDir } from './store/read-run.js';
export { readRunMeta, RUN_FILES, RUN_FORMAT_VERSION, type RunMeta } from './store/run-dir.js';
export type { RunSummary, SystemSummary } from './store/summary.js';
export { assessRun, type Assessment, type AssessOptions, type GateFlags } from './regression/assess-run.js';
export { diffSnapshots, type SuiteRegression, type SystemRegression, type CaseTransition, type Transition } from './regression/diff-runs.js';
export type { GateResult, GatedWinRate, JudgeErrors } from './regression/gate.js';
export type { Snapshot } from './regression/snapshot.js';
export { judgeRun, summarizeRunJudgments, type JudgeRunOptions, type JudgeRunOutcome } from './judge/run-judging.js';
export type { PairwiseSummary } from './judge/summarize.js';
export { loadReportData, type ReportData } from './report/report-data.js';
export { writeReports, REPORT_FORMATS, type ReportFormat } from './report/write-reports.js';
// The four extension points (ARCHITECTURE.md): register before the suites that use them are loaded.
export { registerCheck } from './checks/registry.js';
export type { CheckDefinition } from './checks/types.js';
export { registerProvider, type ProviderEntry, type ProviderCapabilities } from './providers/registry.js';
export type { Provider, ProviderContext, ProviderFactory, ProviderRequest } from './providers/types.js';
export { registerJudge, type JudgeEntry, type JudgeFactory, type JudgeContext, type PairJudge } from './judge/registry.js';
export type { PairToJudge } from './judge/llm-judge.js';
export type { JudgmentRecord } from './judge/types.js';
export { registerReporter, type ReporterEntry } from './report/write-reports.js';
export { ConfigurationError, RunFailure, formatProblem, type Problem } from './errors.js';
export type * from './types.js';
