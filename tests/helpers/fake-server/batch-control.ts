import type { FakeBrain, FakeReply, FakeRequest } from './types.js';

// What a test controls and observes about the fake Batch APIs (OpenAI Batch, Anthropic Message
// Batches): how many status polls a batch takes to finish, which items fail and how, and counters
// that prove a resumed run polled instead of submitting again.

/**
 * How a chosen item fails. `error`: the item's own error (OpenAI `error`, Anthropic `errored`);
 * `status-500`: OpenAI's line with `response.status_code` 500 (Anthropic: `errored` api_error);
 * `expired`: the completion window ran out (OpenAI `batch_expired`, Anthropic `expired`).
 */
type FakeBatchFailure = 'error' | 'status-500' | 'expired';

interface FakeBatchCounts {
  /** OpenAI `POST /v1/files`. */
  filesUploaded: number;
  /** `POST /v1/batches` and `POST /v1/messages/batches`. */
  batchesCreated: number;
  /** `GET` of a batch's status (Anthropic's `results()` retrieves once more before downloading). */
  polls: number;
  /** Result downloads: OpenAI file contents, Anthropic results. */
  downloads: number;
  /** OpenAI `GET /v1/batches` pages. */
  lists: number;
  /** OpenAI `DELETE /v1/files/:id`. */
  filesDeleted: number;
}

export interface FakeBatchControl {
  /** The n-th status poll of a batch answers "done" (default 3; 1 = done on the first poll). */
  pollsUntilDone: number;
  /** custom_id → how that item fails; every other item succeeds with the brain's reply. */
  failures: Map<string, FakeBatchFailure>;
  counts: FakeBatchCounts;
  /** The next this many OpenAI batch creations make the batch, then drop the connection before answering. */
  loseCreateAnswers: number;
  /** The next this many OpenAI batch listings answer 503. */
  failLists: number;
  /** OpenAI batch listings answer after this long (to interrupt one). */
  listDelayMs: number;
  /** Every item the batches processed, as the brain saw it, in processing order (not in `server.requests`). */
  requests: FakeRequest[];
  /** Forget counts and processed requests (batches and files stay). */
  resetCounts(): void;
}

export interface FakeBatchOptions {
  pollsUntilDone?: number;
  failures?: Record<string, FakeBatchFailure>;
}

/** A fresh control block; routes share it so a test sees one set of counters. */
export function createBatchControl(options: FakeBatchOptions = {}): FakeBatchControl {
  const control: FakeBatchControl = {
    pollsUntilDone: options.pollsUntilDone ?? 3,
    failures: new Map(Object.entries(options.failures ?? {})),
    loseCreateAnswers: 0,
    failLists: 0,
    listDelayMs: 0,
    counts: { filesUploaded: 0, batchesCreated: 0, polls: 0, downloads: 0, lists: 0, filesDeleted: 0 },
    requests: [],
    resetCounts() {
      control.counts = { filesUploaded: 0, batchesCreated: 0, polls: 0, downloads: 0, lists: 0, filesDeleted: 0 };
      control.requests.length = 0;
    },
  };
  return control;
}

/** Ask the brain for one batch item, ignoring what only makes sense on a live socket (delays, resets). */
export async function askBrain(brain: FakeBrain, request: FakeRequest, control: FakeBatchControl): Promise<FakeReply> {
  control.requests.push(request);
  const reply = await brain(request);
  return { ...reply, delayMs: undefined, destroy: undefined };
}

/** Whether this poll (1-based) of a batch is the one where it is done; later polls stay done. */
export function isDoneAt(poll: number, control: FakeBatchControl): boolean {
  return poll >= Math.max(1, control.pollsUntilDone);
}

/** The host the client reached us on, for absolute URLs such as Anthropic's `results_url`. */
export function origin(headers: Record<string, string | string[] | undefined>): string {
  const host = headers.host;
  return `http://${Array.isArray(host) ? host[0] : (host ?? '127.0.0.1')}`;
}
