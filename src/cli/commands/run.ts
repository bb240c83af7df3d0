import path from 'node:path';
import type { AssessingOptions } from './merge.js';
import { evaluate } from '../../evaluate/evaluate.js';
import { resolveRunDir } from '../../store/read-run.js';
import { readRunMeta } from '../../store/run-dir.js';
import type { RunOutcome } from '../../run/run-suite.js';
import { paint, type CliIO } from '../io.js';
import { progressRenderer } from '../progress-renderer.js';
import { tightenHeapGrowth } from '../../heap.js';
import type { RunEventListener } from '../../run/events.js';

export interface RunCommandOptions extends AssessingOptions {
  all?: boolean;
  systems?: string[];
  /** `--slice-by a,b`: replaces each suite's `slice_by:`. */
  sliceBy?: string[];
  set: string[];
  concurrency?: number;
  repeat?: number;
  filter?: string;
  limit?: number;
  cache: boolean;
  cacheDir?: string;
  cacheMaxAge?: number;
  resume?: string;
  /** With --resume: run commands run.json names even when the suite file does not. */
  trustRun?: boolean;
  shard?: string;
  maxRetries?: number;
  timeout?: number;
  batch?: boolean;
  batchPoll?: number;
  /** False with `--no-suite-regressed` (commander's negated flag). */
  suiteRegressed?: boolean;
}

/** `evals run`: the library's evaluate(), with progress and tables on the terminal and Ctrl-C handled. */
export async function runCommand(names: string[], options: RunCommandOptions, io: CliIO): Promise<number> {
  if (options.ci) {
    io.colour = false;
    io.interactive = false;
  }
  const { batchPoll, reporter, json: _json, cacheMaxAge, suiteRegressed, ...rest } = options;
  // Known before the run (a resumed shard's too, from its folder): the terminal says its gate waits for the merge.
  const shard = options.shard ?? (options.resume ? resumedShard(options.resume, io.cwd) : undefined);
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
      cacheMaxAgeMs: cacheMaxAge,
      noSuiteRegressed: suiteRegressed === false,
      stepSummary: io.env.GITHUB_STEP_SUMMARY || undefined,
      signal: controller.signal,
      onEvent: tightenHeapOnFirstAnswer(progressRenderer(io)),
      onSuite: async (suite) => {
        const { printHistoryOutcome, printJudging, printSuiteOutcome } = await printing();
        for (const [format, file] of Object.entries(suite.reports)) io.err(`${format}: ${path.relative(io.cwd, file)}`);
        if (!shard) printHistoryOutcome(suite.history, io);
        if (!options.json) printSuiteOutcome(suite.outcome, suite.assessment, io, () => printJudging(suite.judging, io), shard);
      },
    });
    const { printCrossSuiteGate, printInterrupted, printRunsEnd } = await printing();
    for (const { suite, reason } of evaluation.notRun) io.err(paint(io, 'yellow', `${suite}: not run: ${reason}`));
    if (evaluation.interrupted && !options.json) printInterrupted(evaluation.interrupted, io);
    printRunsEnd(evaluation.suites, options.json, io, evaluation.shard);
    if (!options.json && !evaluation.shard) printCrossSuiteGate(evaluation.crossSuite, evaluation.suites.length, io);
    for (const problem of evaluation.problems) io.err(problem);
    return evaluation.exitCode;
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}

/**
 * The assessment's passes over results.jsonl and the baseline each leave a million parsed lines as garbage:
 * collected sooner, a million cases stay under 250 MB. Set in the CLI's own process, not by the library, and
 * only once the first answer is in (or the run is done, when a resumed run had none left): a V8 flag changed at run
 * time makes V8 refuse Node's built-in code cache for every built-in loaded after it, and a run loads several
 * (node:http's and node:crypto's internals) on its way to the first request: set at the start, it cost
 * 6% of the instructions to the first request. A million-case run peaks at ~150 MB before its first answer.
 */
function tightenHeapOnFirstAnswer(listener: RunEventListener): RunEventListener {
  let tightened = false;
  return (event) => {
    if (!tightened && (event.type === 'result' || event.type === 'done')) {
      tightened = true;
      tightenHeapGrowth();
    }
    listener(event);
  };
}

/**
 * The tables and verdicts printed once a suite has run (render-run.ts and the table layout it uses),
 * loaded then: `evals run` sends its first request without reading and compiling them (start-up, issue 14).
 */
function printing(): Promise<typeof import('../render-run.js')> {
  return import('../render-run.js');
}

async function parseReporters(text: string) {
  const { parseFormats } = await import('../../report/write-reports.js');
  return parseFormats(text);
}

function resumedShard(resume: string, cwd: string): string | undefined {
  try {
    return readRunMeta(resolveRunDir(resume, path.join(cwd, 'reports'))).shard ?? undefined;
  } catch {
    return undefined; // evaluate() reports a bad --resume with its own message
  }
}
