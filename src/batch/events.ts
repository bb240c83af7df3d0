/**
 * What the batch phase reports while it goes, for the CLI's progress line. A batch can take hours,
 * so every poll says where it is; nothing here prints.
 */
export type BatchEvent =
  | { type: 'batch-submitted'; suite: string; system: string; provider: string; batchId: string; items: number }
  /** `mayExist`: the request may have reached the provider, and its batches cannot be looked up afterwards. */
  | { type: 'batch-submit-failed'; suite: string; system: string; items: number; reason: string; mayExist?: boolean }
  | { type: 'batch-resumed'; suite: string; system: string; batchId: string; items: number }
  /** A submit whose answer was lost, whose batch was found by its tag (not paid for twice). */
  | { type: 'batch-recovered'; suite: string; system: string; provider: string; batchId: string; items: number }
  /** A submission from an interrupted session whose batch cannot be looked up: sent again, and the old one may exist. */
  | { type: 'batch-may-exist'; suite: string; system: string; items: number; since: string }
  /** Whether a batch was made cannot be told now: its jobs wait for `--resume` instead of being sent twice. */
  | { type: 'batch-unresolved'; suite: string; system: string; items: number; reason: string }
  | { type: 'batch-progress'; suite: string; system: string; batchId: string; status: string; finished?: number; total?: number }
  | { type: 'batch-poll-failed'; suite: string; system: string; batchId: string; reason: string; willRetry: boolean }
  | { type: 'batch-collected'; suite: string; system: string; batchId: string; succeeded: number; failed: number; firstError?: string };

export type BatchEventListener = (event: BatchEvent) => void;
