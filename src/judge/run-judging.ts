import { setMaxListeners } from 'node:events';
import pLimit from 'p-limit';
import type { RetryPolicy } from '../providers/retry.js';
import type { RateBudget } from '../providers/rate-budget.js';
import { watchPacing } from '../providers/paced-call.js';
import type { JudgeEventListener } from './events.js';
import { decidedKeys, judgmentKey, judgmentsPath, JudgmentsWriter, readJudgments } from './judgments-store.js';
import type { PairToJudge } from './llm-judge.js';
import { createJudge, isAutomaticJudge, type PairJudge } from './registry.js';
import { comparisonPairs, loadJudgeableRun, readRubric } from './run-pairs.js';
import { summarizeJudgments, type PairwiseSummary } from './summarize.js';
import { llmJudgeName } from './types.js';
import type { NotInChampion } from './champion-outputs.js';
import { namesChampion } from '../store/champion-file.js';

export interface JudgeRunOptions {
  env: NodeJS.ProcessEnv;
  /** Where `exec:` judges run; default the project root. */
  cwd?: string;
  /** Project root for rubric paths; default three levels above the run folder. */
  root?: string;
  /** Judge requests in flight at once (default 10). */
  concurrency?: number;
  retryPolicy?: RetryPolicy;
  signal?: AbortSignal;
  onEvent?: JudgeEventListener;
  /** Bootstrap seed for the summary's intervals. */
  seed?: number;
}

interface SkippedComparison {
  a: string;
  b: string;
  judge: string;
  reason: string;
  variable?: string;
}

/** A comparison with the champion: which cases it has no answer for, or that there is no champion yet. */
export interface ChampionComparison {
  a: string;
  b: string;
  /** No champion was promoted when the run started: the comparison is skipped (not an error, not exit 3). */
  noChampion?: boolean;
  /** The champion's run id and label, when there is one. */
  championRunId?: string;
  label?: string;
  notInChampion: NotInChampion;
}

export interface JudgeRunOutcome {
  summary: PairwiseSummary;
  skipped: SkippedComparison[];
  /** Comparisons that name `champion`. */
  champion: ChampionComparison[];
  /** Judgments made now (verdicts and errors). */
  judged: number;
  /** Pairs left alone because this judge had already decided them. */
  alreadyJudged: number;
}

const DEFAULT_CONCURRENCY = 10;

interface Task {
  pair: PairToJudge;
  judge: PairJudge;
  rubric?: string;
  strength?: boolean;
}

/**
 * Judge a stored run with the automatic (LLM) judges of its `compare:` blocks (human ones are left
 * to `startHumanJudging`), appending each judgment to `<run>/judgments.jsonl` as it is made. Use
 * after `runSuite`, or on an old run via `evals judge`. Resumable: pairs this judge already
 * decided are skipped; errored ones are tried again. A judge without credentials is skipped with
 * a reason naming the variable to set. Returns the summary of every judgment in the run.
 */
export async function judgeRun(runDir: string, options: JudgeRunOptions): Promise<JudgeRunOutcome> {
  const emit = options.onEvent ?? (() => {});
  const run = await loadJudgeableRun(runDir, options.root);
  const done = decidedKeys(await readJudgments(runDir));
  const skipped: SkippedComparison[] = [];
  const tasks: Task[] = [];
  let alreadyJudged = 0;
  const champion: ChampionComparison[] = [];

  for (const comparison of run.meta.compare.filter((c) => isAutomaticJudge(c.judge))) {
    const { a, b, judge } = comparison;
    if (namesChampion(comparison)) {
      const header = run.champion?.header;
      champion.push({ a, b, noChampion: !header, championRunId: header?.runId, label: header?.label, notInChampion: run.champion?.notInChampion ?? { added: [], changed: [] } });
      if (!header) continue;
    }
    const pairJudge = await createJudge(judge, { env: options.env, cwd: options.cwd ?? run.root, label: `judge of ${a} vs ${b}` });
    const variable = pairJudge.missingCredential();
    if (variable) {
      const reason = `set ${variable} to judge it`;
      skipped.push({ a, b, judge, reason, variable });
      emit({ type: 'skipped-comparison', a, b, judge, reason, variable });
      continue;
    }
    const rubric = await readRubric(comparison, run.root, run.meta.suiteFile);
    const name = pairJudge.recordedAs ?? llmJudgeName(judge);
    for (const pair of comparisonPairs(comparison, run.cases, run.meta.repeat, run.outputs)) {
      if (done.has(judgmentKey({ judge: name, a, b, caseId: pair.case.id, repeat: pair.repeat }))) alreadyJudged += 1;
      else tasks.push({ pair, judge: pairJudge, rubric, strength: comparison.strength });
    }
  }

  emit({ type: 'start', total: tasks.length, alreadyJudged });
  const stopPacingReports = reportPacing(tasks, emit);
  let judged: number;
  try {
    judged = await judgeTasks(tasks, runDir, options);
  } finally {
    stopPacingReports();
  }

  const summary = summarizeJudgments(await readJudgments(runDir), { lengths: run.outputs.length, seed: options.seed, compare: run.meta.compare });
  return { summary, skipped, champion, judged, alreadyJudged };
}

/** Tell the progress line when a judge's requests wait for its provider's rate limit (`rate limit: 100/s`); one report per budget. */
function reportPacing(tasks: Task[], emit: JudgeEventListener): () => void {
  const judges = new Map<RateBudget, string>();
  for (const { judge } of tasks) if (judge.budget && !judges.has(judge.budget)) judges.set(judge.budget, judge.id);
  return watchPacing(
    [...judges].map(([budget, name]) => ({ name, budget })),
    (judge, limit) => emit({ type: 'pacing', judge, ...(limit ? { limit } : {}) }),
  );
}

/**
 * Judge every task, `concurrency` calls at a time, appending each judgment as it is made; returns
 * how many were made. An interrupted judgment is dropped so the next session makes it.
 */
async function judgeTasks(tasks: Task[], runDir: string, options: JudgeRunOptions): Promise<number> {
  const emit = options.onEvent ?? (() => {});
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  // Every call and backoff listens on one signal: a linked controller with room for all of them
  // avoids Node's listener-leak warning without touching the caller's signal.
  const controller = new AbortController();
  setMaxListeners(concurrency * 4 + 10, controller.signal);
  const abort = () => controller.abort(options.signal?.reason);
  if (options.signal?.aborted) abort();
  options.signal?.addEventListener('abort', abort, { once: true });
  const signal = controller.signal;
  const calls = pLimit(concurrency);
  // Bounds pairs in progress too, so a big run does not hold every prompt in memory at once.
  const pairs = pLimit(concurrency);
  const writer = new JudgmentsWriter(judgmentsPath(runDir));
  let judged = 0;
  try {
    await Promise.all(
      tasks.map((task) =>
        pairs(async () => {
          if (signal.aborted) return;
          const record = await task.judge.judgePair(task.pair, {
            rubric: task.rubric,
            strength: task.strength,
            retryPolicy: options.retryPolicy,
            signal,
            schedule: (call) => calls(call),
            onRetry: (attempt, error, delayMs) => emit({ type: 'retry', judge: task.judge.id, caseId: task.pair.case.id, attempt, reason: error.message, delayMs }),
          });
          // An interrupted judgment is not an error of the judge: leave it for the next session.
          if (signal.aborted && record.error) return;
          writer.append(record);
          judged += 1;
          emit({ type: 'judgment', record });
        }),
      ),
    );
  } finally {
    writer.close();
    options.signal?.removeEventListener('abort', abort);
  }
  return judged;
}

/** The pairwise summary of a stored run's judgments, or undefined when nothing was judged. For reports. */
export async function summarizeRunJudgments(runDir: string, seed?: number): Promise<PairwiseSummary | undefined> {
  const records = await readJudgments(runDir);
  if (!records.length) return undefined;
  const run = await loadJudgeableRun(runDir);
  return summarizeJudgments(records, { lengths: run.outputs.length, seed, compare: run.meta.compare });
}
