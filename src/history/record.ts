import path from 'node:path';
import * as z from 'zod';

// reports/<suite>/history.jsonl: one line per finished run of the whole suite, appended, committed.
// Small on purpose (numbers, hashes and a few case ids; never outputs or prompts), so years of runs
// stay a file git diffs and merges line by line (`merge=union` in .gitattributes).

/** The file, in each suite's reports folder. */
export const HISTORY_FILE = 'history.jsonl';

export function historyPath(reportsDir: string, suite: string): string {
  return path.join(reportsDir, suite, HISTORY_FILE);
}

/**
 * The record's format. Bump it only when an older evals could no longer read a new record correctly
 * (a field removed, renamed or changing meaning); a new optional field keeps the version. A reader
 * skips (and counts) lines of a newer format rather than misreading them.
 */
export const HISTORY_FORMAT_VERSION = 1;

/** Most regressed case ids kept per system: the count is exact, the list is for people to start from. */
export const MAX_REGRESSED_IDS = 20;

const interval = { low: z.number(), high: z.number() };

const systemRecord = z.object({
  name: z.string(),
  provider: z.string(),
  /** Hashes of the prompt, tools and parameters (run/system-identity.ts); null in runs made before them. */
  identity: z.object({ prompt: z.string().nullable(), tools: z.string().nullable(), params: z.string() }).nullable(),
  /** pass / (pass + fail), as summary.json has it; null when nothing was scored. */
  passRate: z.number().nullable(),
  /** 95% Wilson interval of the pass rate (0..1 when nothing was scored). */
  ...interval,
  pass: z.number().int(),
  fail: z.number().int(),
  error: z.number().int(),
  costUsd: z.number().nullable(),
  inputTokens: z.number(),
  outputTokens: z.number(),
  latencyP50Ms: z.number().nullable(),
  latencyP95Ms: z.number().nullable(),
  /** Cases that went from pass to fail against the baseline, and the first of their ids. */
  regressions: z.number().int(),
  regressed: z.array(z.string()),
});

const comparisonRecord = z.object({
  a: z.string(),
  b: z.string(),
  judge: z.string(),
  /** Judgments with a verdict. */
  n: z.number().int(),
  /** a's win rate against b (ties count half) and its 95% interval; null when nothing was judged. */
  winRate: z.number().nullable(),
  ...interval,
});

export const historyRecordSchema = z.object({
  formatVersion: z.literal(HISTORY_FORMAT_VERSION),
  runId: z.string(),
  suite: z.string(),
  /** When the run started (ISO); a merged run: its earliest shard. */
  time: z.string(),
  /** The commit and branch the run was made from; null outside a git repository. */
  git: z.object({ commit: z.string(), branch: z.string().nullable() }).nullable(),
  /** Of the cases' ids and questions (the run's cases.jsonl), so a jump can be told from a dataset edit. */
  dataset: z.object({ hash: z.string(), cases: z.number().int() }),
  repeat: z.number().int(),
  /** A merged run: how many shards it was made of. */
  shards: z.number().int().optional(),
  /** The baseline run it was compared with, when there was one. */
  baselineRunId: z.string().nullable(),
  systems: z.array(systemRecord),
  comparisons: z.array(comparisonRecord),
  /** `applied`: false when none of the systems the gate checks ran (recorded column: systems only). */
  gate: z.object({ passed: z.boolean(), applied: z.boolean() }),
});

export type HistoryRecord = z.infer<typeof historyRecordSchema>;
export type HistorySystem = HistoryRecord['systems'][number];
