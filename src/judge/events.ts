import type { JudgmentRecord } from './types.js';

/**
 * What judging reports while it goes, rendered by the CLI or ignored by library callers.
 * Judging never prints.
 */
export type JudgeEvent =
  | { type: 'skipped-comparison'; a: string; b: string; judge: string; reason: string; variable?: string }
  | { type: 'start'; total: number; alreadyJudged: number }
  | { type: 'retry'; judge: string; caseId: string; attempt: number; reason: string; delayMs: number }
  | { type: 'judgment'; record: JudgmentRecord }
  /** A judge's requests wait for the rate limit its provider states (`limit`: `100/s`), or no longer do (no `limit`). */
  | { type: 'pacing'; judge: string; limit?: string };

export type JudgeEventListener = (event: JudgeEvent) => void;
