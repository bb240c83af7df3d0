/**
 * What the batch phase reports while it goes, for the CLI's progress line. A batch can take hours,
 * so every poll says where it is; nothing here prints.
 */
export type BatchEvent =
  | { type: 'batch-submitted'; suite: string; system: string; provider: string; batchId: string; items: number }
  | { type: 'batch-submit-failed'; suite: string; system: string; items: number; reason: string }
  | { type: 'batch-resumed'; suite: string; system: string; batchId: string; items: number }
  | { type: 'batch-progress'; suite: string; system: string; batchId: string; status: string; finished?: number; total?: number }
  | { type: 'batch-poll-failed'; suite: string; system: string; batchId: string; reason: string; willRetry: boolean }
  | { type: 'batch-collected'; suite: string; system: string; batchId: string; succeeded: number; failed: number; firstError?: string };

export type BatchEventListener = (event: BatchEvent) => void;
