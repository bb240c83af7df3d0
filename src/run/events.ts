import type { Problem } from '../errors.js';
import type { ErrorInfo, ResultRecord } from '../types.js';
import type { RunSummary } from '../store/summary.js';
import type { BatchEvent } from '../batch/events.js';
import type { JudgeEvent } from '../judge/events.js';

/**
 * What a run reports while it goes: a discriminated union rendered by the CLI (progress line,
 * final table) or ignored by library callers. The runner never prints.
 */
export type RunEvent =
  /** A slip the dataset was read despite (a near-miss role label); the run goes on. */
  | { type: 'dataset-warning'; suite: string; problem: Problem }
  | { type: 'skipped-system'; suite: string; system: string; reason: string; variable?: string }
  | { type: 'start'; suite: string; runId: string; runDir: string; total: number; systems: string[]; alreadyDone: number }
  | { type: 'retry'; suite: string; system: string; caseId: string; attempt: number; reason: string; kind: ErrorInfo['kind']; delayMs: number }
  | { type: 'result'; suite: string; record: ResultRecord }
  /** A system's requests wait for the rate limit its provider states (`limit`: `100/s`), or no longer do (no `limit`). */
  | { type: 'pacing'; suite: string; system: string; limit?: string }
  | { type: 'done'; suite: string; summary: RunSummary }
  /** The LLM judging of a suite's `compare:` pairs, once its answers are in (what `evals judge` reports). */
  | { type: 'judging'; suite: string; event: JudgeEvent }
  | BatchEvent;

export type RunEventListener = (event: RunEvent) => void;
