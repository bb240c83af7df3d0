import type { JudgmentRecord } from './types.js';

/**
 * What judging reports while it goes, rendered by the CLI or ignored by library callers.
 * Judging never prints.
 */
export type JudgeEvent =
  | { type: 'skipped-comparison'; a: string; b: string; judge: string; reason: string; variable?: string }
  | { type: 'start'; total: number; alreadyJudged: number }
  | { type: 'retry'; judge: string; caseId: string; attempt: number; reason: string; delayMs: number }
  | { type: 'judgment'; record: JudgmentRecord };

export type JudgeEventListener = (event: JudgeEvent) => void;
