import { measureGraderAgreement } from '../../calibration/agreement-gate.js';
import type { CheckSpec } from '../../types.js';
import path from 'node:path';
import { assessRun, type GateFlags } from '../../regression/assess-run.js';
import { pairwiseGateInput } from '../../regression/pairwise-gate.js';
import { summarizeRunJudgments } from '../../judge/run-judging.js';
import { groupShards, mergeRuns } from '../../run/merge-runs.js';
import { resolveRunDir } from '../../store/read-run.js';
import { readRunMeta } from '../../store/run-dir.js';
import type { CliIO } from '../io.js';
import { say } from '../fit-output.js';
import { printHistoryOutcome, printJudging, printRunsEnd, printSuiteOutcome } from '../render-run.js';
import type { JudgingStep } from '../../evaluate/judge-after-run.js';
import { verdictOf, exitCodeOf, type SuiteEvaluation } from '../../evaluate/verdict.js';
import { finishRun, writeRunSummaryMarkdown } from '../../evaluate/write-run-reports.js';
import { parseFormats } from '../../report/write-reports.js';
import { tightenHeapGrowth } from '../../heap.js';

/** What `evals run` and `evals merge` share: how a finished run is compared, gated, reported and printed. */
export interface AssessingOptions extends GateFlags {
  ci?: boolean;
  json?: boolean;
  baseline?: string;
  updateBaseline?: boolean;
  reporter?: string;
  gate: boolean;
}

export type MergeCommandOptions = AssessingOptions;

/**
 * `evals merge <shard folders...>`: the shards of one or several suites become one run each, which
 * is then compared, gated, reported and given an exit code exactly as `evals run` would an
 * unsharded run. The shards themselves were not gated (their gate covers only part of the suite).
 */
export async function mergeCommand(runs: string[], options: MergeCommandOptions, io: CliIO): Promise<number> {
  // The assessment's passes over results.jsonl and the baseline each leave a million parsed lines as garbage:
  // collected sooner, a million cases stay under 250 MB. Set here, in the CLI's own process, not by the library.
  tightenHeapGrowth();
  if (options.ci) {
    io.colour = false;
    io.interactive = false;
  }
  const dirs = [...new Set(runs.map((run) => resolveRunDir(run, path.join(io.cwd, 'reports'), io.cwd)))];
  // Every suite's shards are checked before any is merged: exit 2 or 3 leaves nothing half done.
  const groups = groupShards(dirs);
  const formats = options.reporter ? parseFormats(options.reporter) : [];
  const stepSummary = io.env.GITHUB_STEP_SUMMARY || undefined;

  const done: SuiteEvaluation[] = [];
  for (const group of groups) {
    // The merged run goes next to the shards (reports/<suite>/), wherever the command is run from,
    // and is compared with the baseline in that same reports folder.
    const reportsDir = path.dirname(path.dirname(group.dirs[0]));
    const { runDir, summary } = await mergeRuns(group.dirs, reportsDir);
    const meta = readRunMeta(runDir);
    const judging = await mergedJudging(runDir);
    const assessment = await assessRun(runDir, summary.suite, {
      reportsDir,
      baseline: options.baseline,
      gate: meta.gate ?? {},
      flags: options,
      partial: Boolean(meta.filter || meta.limit) || !summary.complete,
      updateBaseline: options.updateBaseline,
      winRates: judging.winRates,
      judgeErrors: judging.judgeErrors,
      graderAgreement: await measureGraderAgreement(runDir, summary.suite, (meta.checks ?? []) as CheckSpec[], meta.gate ?? {}, reportsDir),
    });
    const outcome = { runDir, summary };
    done.push({ outcome, assessment, judging });
    const { reports, history } = await finishRun({ outcome, assessment, judging }, { formats, stepSummary, env: io.env });
    for (const [format, file] of Object.entries(reports)) io.err(`${format}: ${path.relative(io.cwd, file)}`);
    printHistoryOutcome(history, io);
    if (!options.json) {
      printSuiteOutcome(outcome, assessment, io, () => printJudging(judging, io));
      say(io, `merged ${group.dirs.length} shard${group.dirs.length === 1 ? '' : 's'} (${group.metas.map((m) => m.shard).join(', ')}) into ${path.relative(io.cwd, runDir) || runDir}`);
    }
  }
  printRunsEnd(done, options.json, io);
  writeRunSummaryMarkdown(done, { markdown: formats.includes('md'), stepSummary });
  const { verdict, problems } = verdictOf(done, { ci: options.ci, gate: options.gate, updateBaseline: options.updateBaseline });
  for (const problem of problems) io.err(problem);
  return exitCodeOf(verdict);
}

/**
 * The shards' LLM judges already ran, each on its own cases; the merged run's win rates come from
 * all their judgments together. A judge skipped for a missing key failed its shard under --ci.
 */
async function mergedJudging(runDir: string): Promise<JudgingStep> {
  const summary = await summarizeRunJudgments(runDir);
  return { summary, ...pairwiseGateInput(summary), notes: [], skippedJudges: 0 };
}
