import path from 'node:path';
import type { GateFlags } from '../../compare/assess-run.js';
import { evaluate, type EvaluatedSuite } from '../../evaluate/evaluate.js';
import { crossSuiteEntries } from '../../evaluate/write-run-reports.js';
import { renderPairwiseSummary } from '../../judge/render-table.js';
import type { RunOutcome } from '../../run/run-suite.js';
import { renderSummaryTable } from '../../report/terminal-table.js';
import { paint, type CliIO } from '../io.js';
import { progressRenderer } from '../progress-renderer.js';
import { printSuiteOutcome, renderCrossSuiteTable } from '../render-run.js';

export interface RunCommandOptions extends GateFlags {
  all?: boolean;
  systems?: string[];
  set: string[];
  concurrency?: number;
  repeat?: number;
  filter?: string;
  limit?: number;
  ci?: boolean;
  json?: boolean;
  baseline?: string;
  updateBaseline?: boolean;
  reporter?: string;
  gate: boolean;
  cache: boolean;
  cacheDir?: string;
  resume?: string;
  shard?: string;
  maxRetries?: number;
  timeout?: number;
  batch?: boolean;
  batchPoll?: number;
}

/** `evals run`: the library's evaluate(), with progress and tables on the terminal and Ctrl-C handled. */
export async function runCommand(names: string[], options: RunCommandOptions, io: CliIO): Promise<number> {
  if (options.ci) {
    io.colour = false;
    io.interactive = false;
  }
  const { batchPoll, reporter, json: _json, ...rest } = options;
  const controller = new AbortController();
  const onSigint = () => {
    io.err('\nInterrupted: finishing requests in flight, then writing a partial summary.');
    process.removeListener('SIGINT', onSigint);
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  try {
    const evaluation = await evaluate({
      ...rest,
      cwd: io.cwd,
      env: io.env,
      suites: names,
      reporters: reporter ? await parseReporters(reporter) : [],
      batchPollMs: batchPoll === undefined ? undefined : batchPoll * 1000,
      stepSummary: io.env.GITHUB_STEP_SUMMARY || undefined,
      signal: controller.signal,
      onEvent: progressRenderer(io),
      onSuite: (suite) => {
        for (const [format, file] of Object.entries(suite.reports)) io.err(`${format}: ${path.relative(io.cwd, file)}`);
        if (!options.json) printSuiteOutcome(suite.outcome, suite.assessment, io, () => printJudging(suite, io));
      },
    });
    for (const { suite, reason } of evaluation.notRun) io.err(paint(io, 'yellow', `${suite}: not run: ${reason}`));
    if (evaluation.interrupted && !options.json) printInterrupted(evaluation.interrupted, io);
    const done = evaluation.suites;
    if (options.json) {
      io.out(JSON.stringify(done.map(({ outcome, assessment }) => ({ runDir: outcome.runDir, ...outcome.summary, gate: assessment.gate, warnings: assessment.warnings })), null, 2));
    } else if (done.length > 1) {
      io.out('');
      io.out(paint(io, 'bold', 'All suites, worst first'));
      io.out(renderCrossSuiteTable(crossSuiteEntries(done)));
    }
    for (const problem of evaluation.problems) io.err(problem);
    return evaluation.exitCode;
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}

function printJudging({ judging }: EvaluatedSuite, io: CliIO): void {
  for (const note of judging.notes) io.out(paint(io, 'yellow', note));
  if (judging.summary && judging.summary.comparisons.length) io.out(renderPairwiseSummary(judging.summary));
}

function printInterrupted(outcome: RunOutcome, io: CliIO): void {
  const { summary } = outcome;
  io.out(renderSummaryTable(summary));
  io.out(paint(io, 'yellow', `interrupted: ${summary.systems.reduce((n, s) => n + s.results, 0)} of ${summary.planned} results written to ${path.relative(io.cwd, outcome.runDir) || outcome.runDir}`));
  io.out(`finish it with: evals run --resume ${summary.runId}`);
}

async function parseReporters(text: string) {
  const { parseFormats } = await import('../../report/write-reports.js');
  return parseFormats(text);
}
