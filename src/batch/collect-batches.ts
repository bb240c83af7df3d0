import { cacheKey, type ResponseCache } from '../cache/response-cache.js';
import { ProviderError } from '../providers/types.js';
import { sleep } from '../providers/retry.js';
import type { CheckSpec, Job, ResultRecord } from '../types.js';
import { jobRequest } from './batch-items.js';
import { withChildSignal } from './child-signal.js';
import type { BatchEventListener } from './events.js';
import { scoreOutput } from '../checks/score-output.js';
import type { CheckContext } from '../checks/types.js';
import type { BatchClient, BatchPoll, BatchState } from './types.js';

/** Both Batch APIs bill at half the list price. */
const BATCH_PRICE_FACTOR = 0.5;

/** A batch being waited on, with the jobs of this run it answers (by custom_id). */
export interface Watch {
  state: BatchState;
  client: BatchClient;
  jobs: Map<string, Job>;
  /** Submitted by this call (not found in batches.json). */
  fresh: boolean;
  failures: number;
}

export interface CollectOptions {
  suite: string;
  checks: CheckSpec[];
  checkContext?: CheckContext;
  wait: boolean;
  pollIntervalMs: number;
  /** Consecutive failed polls of one batch before we stop waiting for it (it stays saved for --resume). */
  maxPollFailures: number;
  signal?: AbortSignal;
  cache?: ResponseCache;
  emit: BatchEventListener;
  /** Persist batches.json after a state changed. */
  save: () => void;
}

export interface Collected {
  records: ResultRecord[];
  fallback: Job[];
  /** Batches still not collected when we stopped waiting. */
  open: Watch[];
}

/** Mark a batch collected: which items became results and which went back for normal calls. */
function settle(state: BatchState, collected: string[], failed: string[]): void {
  state.status = 'done';
  state.collected = [...new Set([...(state.collected ?? []), ...collected])];
  state.failed = [...new Set([...(state.failed ?? []).filter((id) => !collected.includes(id)), ...failed])];
  state.collectedAt = new Date().toISOString();
}

async function collect(watch: Watch, poll: BatchPoll, options: CollectOptions, out: Collected): Promise<void> {
  const collected: string[] = [];
  const failed: string[] = [];
  let firstError: string | undefined;
  for (const [id, job] of watch.jobs) {
    const result = poll.results?.get(id);
    if (result?.ok) {
      out.records.push(await scoreOutput(job, result.output, options.checks, { startedAt: watch.state.submittedAt, priceFactor: BATCH_PRICE_FACTOR, checkContext: options.checkContext }));
      options.cache?.set(cacheKey(job.system, jobRequest(job)), result.output);
      collected.push(id);
    } else {
      out.fallback.push(job);
      failed.push(id);
      firstError ??= result?.error.message ?? 'no result for this request';
    }
  }
  settle(watch.state, collected, failed);
  options.save();
  // The results are in the journal now: what the batch left on the provider's side can go.
  await watch.client.tidy?.(watch.state);
  const { system, batchId } = watch.state;
  options.emit({ type: 'batch-collected', suite: options.suite, system, batchId, succeeded: collected.length, failed: failed.length, ...(firstError ? { firstError } : {}) });
}

/** A batch we cannot poll any more (gone, forbidden): its jobs go back for normal calls. */
function abandon(watch: Watch, out: Collected, options: CollectOptions): void {
  out.fallback.push(...watch.jobs.values());
  settle(watch.state, [], [...watch.jobs.keys()]);
  options.save();
}

/**
 * Poll batches until each has ended and been collected (when `wait`), or once each (otherwise;
 * batches submitted by this very call are not polled then). Transient poll failures are retried at
 * the next interval; a batch that keeps failing is left open, saved, for a later `--resume`.
 */
export async function collectBatches(watches: Watch[], options: CollectOptions): Promise<Collected> {
  const out: Collected = { records: [], fallback: [], open: [] };
  let open = watches.filter((w) => options.wait || !w.fresh);
  out.open.push(...watches.filter((w) => !options.wait && w.fresh));
  // Not withRetries (providers/retry.ts): a poll that fails is tried again at the next fixed
  // interval, together with the other batches, and a batch that keeps failing stays saved for
  // --resume instead of failing the run; a backoff per call would do neither.
  while (open.length) {
    const next: Watch[] = [];
    for (const watch of open) {
      const { system, batchId } = watch.state;
      if (options.signal?.aborted) {
        next.push(watch);
        continue;
      }
      try {
        const poll = await withChildSignal(options.signal, (signal) => watch.client.poll(watch.state, signal));
        watch.failures = 0;
        if (poll.status === 'done') await collect(watch, poll, options, out);
        else {
          options.emit({ type: 'batch-progress', suite: options.suite, system, batchId, status: poll.providerStatus, finished: poll.finished, total: poll.total });
          next.push(watch);
        }
      } catch (error) {
        const retryable = error instanceof ProviderError ? error.retryable : false;
        watch.failures += 1;
        const willRetry = retryable && watch.failures < options.maxPollFailures;
        const reason = error instanceof Error ? error.message : String(error);
        options.emit({ type: 'batch-poll-failed', suite: options.suite, system, batchId, reason, willRetry });
        if (willRetry) next.push(watch);
        else if (retryable) out.open.push(watch);
        else abandon(watch, out, options);
      }
    }
    open = next;
    if (!options.wait || options.signal?.aborted) break;
    if (open.length) await sleep(options.pollIntervalMs, options.signal);
  }
  out.open.push(...open);
  return out;
}
