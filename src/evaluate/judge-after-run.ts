import type { GatedWinRate, JudgeErrors } from '../regression/gate.js';
import { pairwiseGateInput } from '../regression/pairwise-gate.js';
import { isAutomaticJudge } from '../judge/registry.js';
import { judgeRun } from '../judge/run-judging.js';
import type { PairwiseSummary } from '../judge/summarize.js';
import type { RunOutcome } from '../run/run-suite.js';
import type { RetryPolicy } from '../providers/retry.js';
import type { JudgeEventListener } from '../judge/events.js';
import { evalsCommand } from '../invoked-as.js';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { RUN_FILES } from '../store/run-dir.js';
import { CHAMPION_SYSTEM, namesChampion } from '../store/champion-file.js';
import { describeNoChampion, describeNotInChampion } from '../judge/champion-outputs.js';
import type { ChampionComparison } from '../judge/run-judging.js';

/**
 * The first generation has no champion to beat: the comparison is skipped with a line saying so
 * (not an error, and not exit 3 under --ci), so one suite file serves every generation.
 */
function noChampionNote(c: { a: string; b: string }, suite: string, env: NodeJS.ProcessEnv): string {
  return `${c.a} vs ${c.b}: ${describeNoChampion(suite, evalsCommand(env))}`;
}

export interface JudgingStep {
  summary?: PairwiseSummary;
  winRates: GatedWinRate[];
  judgeErrors: JudgeErrors[];
  /** Comparisons that could not be judged now (no key, human judge), for the terminal. */
  notes: string[];
  /** LLM judges skipped for a missing key: exit 3 under --ci, like a skipped system. */
  skippedJudges: number;
  /** Comparisons with the champion: the cases it has no answer for, or that there is none yet. */
  champion?: ChampionComparison[];
}

/**
 * After a run's outputs exist, judge its `compare:` pairs with their LLM judges. Human comparisons
 * are left for `evals judge <run> --human`. Returns the win rates the gate checks.
 */
export async function judgeAfterRun(
  outcome: RunOutcome,
  options: { env: NodeJS.ProcessEnv; concurrency?: number; signal?: AbortSignal; retryPolicy?: RetryPolicy; onEvent?: JudgeEventListener },
): Promise<JudgingStep> {
  const comparisons = outcome.suite.config.compare;
  const ran = new Set(outcome.summary.systems.filter((s) => !s.skipped && s.results > 0).map((s) => s.system));
  // The champion is not run: its saved outputs answer, when the run kept a champion (see run/run-folder.ts).
  if (existsSync(path.join(outcome.runDir, RUN_FILES.champion))) ran.add(CHAMPION_SYSTEM);
  const notes: string[] = [];
  for (const c of comparisons) {
    if (!isAutomaticJudge(c.judge)) notes.push(`${c.a} vs ${c.b}: judged by people: run \`${evalsCommand(options.env)} judge ${outcome.runId} --human\``);
    else if (namesChampion(c) && !ran.has(CHAMPION_SYSTEM)) notes.push(noChampionNote(c, outcome.suite.name, options.env));
    else if (!ran.has(c.a) || !ran.has(c.b)) notes.push(`${c.a} vs ${c.b}: not judged (${!ran.has(c.a) ? c.a : c.b} did not run)`);
  }
  const judgeable = comparisons.some((c) => isAutomaticJudge(c.judge) && ran.has(c.a) && ran.has(c.b));
  if (!judgeable) return { winRates: [], judgeErrors: [], notes, skippedJudges: 0 };
  const outcomeOfJudging = await judgeRun(outcome.runDir, {
    env: options.env,
    root: outcome.suite.root,
    concurrency: options.concurrency,
    signal: options.signal,
    retryPolicy: options.retryPolicy,
    onEvent: options.onEvent,
  });
  for (const s of outcomeOfJudging.skipped) notes.push(`${s.a} vs ${s.b}: judge ${s.judge} skipped: ${s.reason}`);
  for (const c of outcomeOfJudging.champion) {
    const missing = describeNotInChampion(c.notInChampion);
    if (missing) notes.push(`${c.a} vs ${c.b}: ${missing}`);
  }
  const summary = outcomeOfJudging.summary;
  return { summary, ...pairwiseGateInput(summary), notes, skippedJudges: outcomeOfJudging.skipped.length, champion: outcomeOfJudging.champion };
}
