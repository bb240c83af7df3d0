// The programmatic entry point (`import { loadSuite, runSuite } from 'evals'`): what the CLI does,
// without the terminal. Nothing here prints or exits; errors are ConfigurationError (bad input) or
// RunFailure (the run could not be completed).

export { loadSuite, listSuites, type LoadedSuite, type LoadSuiteOptions } from './suite/load.js';
export { runSuite, type RunOptions, type RunOutcome } from './run/run-suite.js';
export type { RunEvent } from './run/events.js';
export { assessRun, type Assessment, type AssessOptions } from './compare/assess-run.js';
export { compareSnapshots, type SuiteComparison } from './compare/compare-runs.js';
export { judgeRun, summarizeRunJudgments } from './judge/run-judging.js';
export { loadReportData } from './report/report-data.js';
export { writeReports, type ReportFormat } from './report/write-reports.js';
export { ConfigurationError, RunFailure, formatProblem, type Problem } from './errors.js';
export type * from './types.js';
