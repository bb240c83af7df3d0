import type { ProviderRequest } from '../providers/types.js';
import type { ErrorInfo, Output } from '../types.js';

// The vocabulary of `--batch`: one provider batch per system, saved in the run folder so a later
// `evals run --resume` polls and collects it instead of paying for it twice.

type BatchProvider = 'openai' | 'anthropic';

/** One request in a batch: the same ProviderRequest a normal call would send, under a stable id. */
export interface BatchItem {
  customId: string;
  request: ProviderRequest;
}

/** A submitted batch as saved in `<runDir>/batches.json`: plain JSON, enough to poll it from another process. */
export interface BatchState {
  provider: BatchProvider;
  /** The suite's system name the batch belongs to. */
  system: string;
  batchId: string;
  /** OpenAI's uploaded input file, for tidying up or debugging. */
  inputFileId?: string;
  customIds: string[];
  submittedAt: string;
  /** `submitted` until the provider says the batch ended and its results were read. */
  status: 'submitted' | 'done';
  /** Items turned into results. */
  collected?: string[];
  /** Items that failed or expired in the batch and were handed back for normal calls. */
  failed?: string[];
  collectedAt?: string;
}

/**
 * A batch being submitted, saved in `batches.json` before the request goes out: if the answer is
 * lost (a timeout after the provider created the batch, a crash, kill -9), the batch can still be
 * found by its tag instead of being paid for a second time.
 */
export interface Submission {
  provider: BatchProvider;
  system: string;
  /** A random tag the batch carries (OpenAI: in its metadata) so this submission can be recognized. */
  tag: string;
  customIds: string[];
  startedAt: string;
  /** OpenAI's uploaded input file, once uploaded: deleted when no batch was made from it. */
  inputFileId?: string;
}

/** One item's outcome: the normalized output, or why the provider could not answer it. */
export type BatchItemResult = { ok: true; output: Output } | { ok: false; error: ErrorInfo };

export interface BatchPoll {
  status: 'pending' | 'done';
  /** The provider's own word for it (`in_progress`, `finalizing`, `ended`, ...), for progress lines. */
  providerStatus: string;
  /** Items finished so far (succeeded or failed) out of the batch's total, when the provider says. */
  finished?: number;
  total?: number;
  /** Set when done: every item the provider reported on. Items it never mentions are missing here. */
  results?: Map<string, BatchItemResult>;
}

/**
 * A provider's batch endpoint. `submit` sends items as one batch; `poll` asks once whether it ended
 * and, when it has, reads every result. Both reject with ProviderError (classified like normal calls).
 */
export interface BatchClient {
  readonly provider: BatchProvider;
  /** Largest batch the API accepts, in requests and in encoded bytes. */
  readonly limits: { maxItems: number; maxBytes: number };
  /** Encoded size of one item, to split large jobs under `limits.maxBytes`. */
  measure(item: BatchItem): number;
  /** Send `items` as one batch tagged `submission.tag`; `onUploaded` hears of an input file before the batch exists. */
  submit(items: BatchItem[], submission: Submission, options: { signal?: AbortSignal; onUploaded?: (fileId: string) => void }): Promise<BatchState>;
  poll(state: BatchState, signal?: AbortSignal): Promise<BatchPoll>;
  /**
   * After a submit whose outcome is unknown: the batch the provider made from `submission`, or
   * undefined when it made none (any uploaded input file is then deleted). Absent when the API
   * offers no way to recognize a batch (Anthropic's batches carry no metadata).
   */
  recover?(submission: Submission, signal?: AbortSignal): Promise<BatchState | undefined>;
  /** Delete what the batch left behind on the provider's side (OpenAI's input file), once its results are read. Best effort. */
  tidy?(state: BatchState): Promise<void>;
}
