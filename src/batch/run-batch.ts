import { cacheKey, isCacheable, type ResponseCache } from '../cache/response-cache.js';
import type { LoadedSuite } from '../suite/load.js';
import type { CheckSpec, Job, ResultRecord, SystemConfig } from '../types.js';
import { randomUUID } from 'node:crypto';
import { ProviderError } from '../providers/types.js';
import { readBatchFile, writeBatches } from './batch-file.js';
import { withChildSignal } from './child-signal.js';
import { jobRequest, toBatchItem } from './batch-items.js';
import { collectBatches, type Watch } from './collect-batches.js';
import type { BatchEventListener } from './events.js';
import { createBatchClient } from './registry.js';
import { scoreOutput } from '../checks/score-output.js';
import type { CheckContext } from '../checks/types.js';
import type { BatchClient, BatchItem, BatchState, Submission } from './types.js';

export interface BatchPhaseOptions {
  suite: Pick<LoadedSuite, 'name' | 'root'>;
  systems: { system: SystemConfig }[];
  /** The jobs still to do (not in the journal). */
  jobs: Job[];
  runDir: string;
  checks: CheckSpec[];
  /** What the checks get from the run (the grader of `rubric` checks). */
  checkContext?: CheckContext;
  env: NodeJS.ProcessEnv;
  /** Between status polls while waiting (default 30 s). */
  pollIntervalMs?: number;
  /** Poll until every batch has ended; otherwise submit (or poll saved batches once) and return. */
  wait: boolean;
  /** Stops submitting and waiting; saved batches stay in batches.json for --resume. */
  signal?: AbortSignal;
  /** The run's response cache: hits are not sent, batch answers are stored like normal answers. */
  cache?: ResponseCache;
  /** Consecutive transient poll failures of one batch before we stop waiting for it (default 10). */
  maxPollFailures?: number;
  onEvent?: BatchEventListener;
}

export interface BatchPhaseResult {
  /** Scored results from batches and the cache: append them to the journal. */
  records: ResultRecord[];
  /** Jobs to run through normal calls: failed or expired batch items, and systems without a batch API. */
  fallback: Job[];
  /** Some batch has not ended yet; `evals run --resume <run-id>` collects it later. */
  pending: boolean;
}

/** Split items so each batch stays under the API's request and byte limits. */
function* chunks(items: BatchItem[], client: BatchClient): Generator<BatchItem[]> {
  let chunk: BatchItem[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = client.measure(item);
    if (chunk.length && (chunk.length >= client.limits.maxItems || bytes + size > client.limits.maxBytes)) {
      yield chunk;
      chunk = [];
      bytes = 0;
    }
    chunk.push(item);
    bytes += size;
  }
  if (chunk.length) yield chunk;
}

function groupBySystem(jobs: Job[]): Map<string, Job[]> {
  const groups = new Map<string, Job[]>();
  for (const job of jobs) {
    const group = groups.get(job.system.name);
    if (group) group.push(job);
    else groups.set(job.system.name, [job]);
  }
  return groups;
}

/**
 * Send the jobs of every `openai:` and `anthropic:` system through that provider's batch API (about
 * half price), one batch per system, and collect the answers. Each submission is saved to
 * `<runDir>/batches.json` before it is sent and each batch as soon as it exists, so a resumed run
 * polls (or finds) it instead of paying again. Use before the normal scheduler: write `records` to the journal, then run `fallback`
 * through normal calls; when `pending`, stop and tell the user to resume later.
 */
export async function runBatchPhase(options: BatchPhaseOptions): Promise<BatchPhaseResult> {
  const phase = createPhase(options);
  for (const [name, jobs] of groupBySystem(options.jobs)) {
    const ready = options.systems.find((s) => s.system.name === name);
    const client = ready ? await createBatchClient(ready.system, options.env, options.suite.root) : undefined;
    if (!client) {
      phase.fallback.push(...jobs);
      continue;
    }
    const system: SystemBatches = { name, client, waiting: await answerFromCache(phase, jobs) };
    resumeSaved(phase, system);
    await recoverUnfinished(phase, system);
    await submitWaiting(phase, system);
  }

  const collected = await collectBatches(phase.watches, {
    suite: phase.suite,
    checks: options.checks,
    checkContext: options.checkContext,
    wait: options.wait,
    pollIntervalMs: options.pollIntervalMs ?? 30_000,
    maxPollFailures: options.maxPollFailures ?? 10,
    signal: options.signal,
    cache: options.cache,
    emit: phase.emit,
    save: phase.save,
  });
  return {
    records: [...phase.records, ...collected.records],
    fallback: [...phase.fallback, ...collected.fallback],
    pending: phase.pending || collected.open.length > 0,
  };
}

/** What the phase builds up across systems, and the batches.json it keeps in step with every change. */
interface Phase {
  options: BatchPhaseOptions;
  emit: BatchEventListener;
  suite: string;
  states: BatchState[];
  submitting: Submission[];
  records: ResultRecord[];
  fallback: Job[];
  watches: Watch[];
  /** Some jobs wait for a later --resume (a submission whose fate cannot be told now). */
  pending: boolean;
  save(): void;
  /** Drop a submission that became a batch or surely did not. */
  forget(submission: Submission): void;
}

function createPhase(options: BatchPhaseOptions): Phase {
  const { batches: states, submitting } = readBatchFile(options.runDir);
  const save = () => writeBatches(options.runDir, states, submitting);
  return {
    options,
    emit: options.onEvent ?? (() => {}),
    suite: options.suite.name,
    states,
    submitting,
    records: [],
    fallback: [],
    watches: [],
    pending: false,
    save,
    forget(submission) {
      const at = submitting.indexOf(submission);
      if (at !== -1) submitting.splice(at, 1);
      save();
    },
  };
}

/** One system's part of the phase: its batch client, and its jobs not yet in any batch, by custom id. */
interface SystemBatches {
  name: string;
  client: BatchClient;
  waiting: Map<string, { job: Job; item: BatchItem }>;
}

/** Cache hits are scored at once (no batch pays for them); the other jobs wait for a batch under their custom ids. */
async function answerFromCache(phase: Phase, jobs: Job[]): Promise<SystemBatches['waiting']> {
  const { options } = phase;
  const waiting: SystemBatches['waiting'] = new Map();
  for (const job of jobs) {
    const item = toBatchItem(job);
    const cached = options.cache && isCacheable(job.system) ? options.cache.get(cacheKey(job.system, jobRequest(job))) : undefined;
    if (cached) phase.records.push(await scoreOutput(job, cached, options.checks, { startedAt: new Date().toISOString(), cached: true, checkContext: options.checkContext }));
    else if (waiting.has(item.customId))
      phase.fallback.push(job); // an id clash: never merge two jobs' answers
    else waiting.set(item.customId, { job, item });
  }
  return waiting;
}

/** Batches saved by an earlier session: poll those, and send failed items straight to normal calls. */
function resumeSaved(phase: Phase, system: SystemBatches): void {
  for (const state of phase.states.filter((s) => s.system === system.name && s.provider === system.client.provider)) {
    const items = watch(phase, system, state, false);
    if (items) phase.emit({ type: 'batch-resumed', suite: phase.suite, system: system.name, batchId: state.batchId, items });
  }
}

/**
 * Submissions an earlier session started and never heard back from (killed mid-submit): find
 * their batches before sending anything again.
 */
async function recoverUnfinished(phase: Phase, system: SystemBatches): Promise<void> {
  const { options, suite } = phase;
  const { name, client, waiting } = system;
  for (const submission of phase.submitting.filter((s) => s.system === name && s.provider === client.provider)) {
    const outcome = await recoverSubmission(client, submission, options.signal);
    if (outcome === 'unknown') {
      // The provider cannot be asked now: keep the submission and its jobs for a later --resume.
      for (const id of submission.customIds) waiting.delete(id);
      phase.pending = true;
      if (!options.signal?.aborted) {
        phase.emit({ type: 'batch-unresolved', suite, system: name, items: submission.customIds.length, reason: 'the provider could not be asked about an unfinished submission' });
      }
      continue;
    }
    if (typeof outcome === 'object') adopt(phase, system, outcome, submission);
    else {
      phase.forget(submission);
      // Sent again below; say so when the earlier one may have become a batch after all.
      if (outcome === 'cannot-tell') phase.emit({ type: 'batch-may-exist', suite, system: name, items: submission.customIds.length, since: submission.startedAt });
    }
  }
}

/** Send the jobs still waiting, in chunks under the API's limits; each submission is saved before it goes out. */
async function submitWaiting(phase: Phase, system: SystemBatches): Promise<void> {
  const { options } = phase;
  const { name, client } = system;
  for (const chunk of chunks(
    [...system.waiting.values()].map((w) => w.item),
    client,
  )) {
    if (options.signal?.aborted) break;
    const submission: Submission = { provider: client.provider, system: name, tag: randomUUID(), customIds: chunk.map((i) => i.customId), startedAt: new Date().toISOString() };
    phase.submitting.push(submission);
    phase.save();
    const onUploaded = (fileId: string) => {
      submission.inputFileId = fileId;
      phase.save();
    };
    try {
      const state = await withChildSignal(options.signal, (signal) => client.submit(chunk, submission, { signal, onUploaded }));
      adopt(phase, system, state, submission, 'submitted');
    } catch (error) {
      if ((await submitFailed(phase, system, chunk, submission, error)) === 'stop') break;
    }
  }
}

/**
 * After a failed submit: a batch found after all is watched; when whether one was made cannot be
 * told now, the jobs wait for --resume; otherwise they go to normal calls. `stop` after Ctrl-C.
 */
async function submitFailed(phase: Phase, system: SystemBatches, chunk: BatchItem[], submission: Submission, error: unknown): Promise<'stop' | 'next'> {
  const { options, suite } = phase;
  const { name, client, waiting } = system;
  // Cut short by Ctrl-C: the submission stays saved; --resume finds its batch or sends it again.
  if (options.signal?.aborted) return 'stop';
  const reason = error instanceof Error ? error.message : String(error);
  // The batch may exist even though the answer was lost (a timeout after the provider made
  // it); if not, recovering also deletes an input file uploaded for nothing.
  const found = await recoverSubmission(client, submission, options.signal);
  if (typeof found === 'object') {
    adopt(phase, system, found, submission, 'recovered');
    return 'next';
  }
  // Ctrl-C while asking: the submission stays saved, and --resume asks again.
  if (options.signal?.aborted) return 'stop';
  if (found === 'unknown') {
    // Sending the jobs again could pay for them twice: leave them to --resume, which asks again.
    for (const item of chunk) waiting.delete(item.customId);
    phase.pending = true;
    phase.emit({ type: 'batch-unresolved', suite, system: name, items: chunk.length, reason });
    return 'next';
  }
  phase.forget(submission);
  for (const item of chunk) {
    phase.fallback.push(waiting.get(item.customId)!.job);
    waiting.delete(item.customId);
  }
  // The batch could not be looked up (Anthropic's carry no tag): say so when one may have been made.
  const mayExist = found === 'cannot-tell' && isAmbiguous(error);
  phase.emit({ type: 'batch-submit-failed', suite, system: name, items: chunk.length, reason, ...(mayExist ? { mayExist } : {}) });
  return 'next';
}

/** Start watching a batch: its items leave `waiting` (failed ones of a finished batch go to normal calls). */
function watch(phase: Phase, system: SystemBatches, state: BatchState, fresh: boolean): number {
  const failed = new Set(state.status === 'done' ? state.failed : []);
  const mine = new Map<string, Job>();
  for (const id of state.customIds) {
    const entry = system.waiting.get(id);
    if (!entry) continue;
    system.waiting.delete(id);
    if (failed.has(id)) phase.fallback.push(entry.job);
    else mine.set(id, entry.job);
  }
  if (mine.size) phase.watches.push({ state, client: system.client, jobs: mine, fresh, failures: 0 });
  return mine.size;
}

/** A batch made from `submission`: saved, watched, announced. */
function adopt(phase: Phase, system: SystemBatches, state: BatchState, submission: Submission, how: 'submitted' | 'recovered' = 'recovered'): void {
  phase.states.push(state);
  phase.forget(submission);
  const items = watch(phase, system, state, how === 'submitted');
  phase.emit({ type: how === 'submitted' ? 'batch-submitted' : 'batch-recovered', suite: phase.suite, system: system.name, provider: system.client.provider, batchId: state.batchId, items });
}

/** A submit error after which the batch may exist anyway: the request may have reached the provider. */
function isAmbiguous(error: unknown): boolean {
  if (!(error instanceof ProviderError)) return true;
  const { kind, status } = error.info;
  return kind === 'timeout' || kind === 'network' || kind === 'malformed' || (kind === 'http' && status !== undefined && status >= 500);
}

/**
 * Ask the provider for the batch made from an unfinished submission: the batch; `none` when there
 * is none (the jobs can be sent again); `unknown` when it cannot be asked right now (a transient
 * error, or Ctrl-C): keep the submission for --resume; `cannot-tell` when it never can (batches
 * without a tag, a lookup refused): the jobs go again, with a warning.
 */
async function recoverSubmission(client: BatchClient, submission: Submission, signal?: AbortSignal): Promise<BatchState | 'none' | 'unknown' | 'cannot-tell'> {
  if (!client.recover) return 'cannot-tell';
  try {
    return (await withChildSignal(signal, (child) => client.recover!(submission, child))) ?? 'none';
  } catch (error) {
    if (signal?.aborted) return 'unknown';
    return error instanceof ProviderError && error.retryable ? 'unknown' : 'cannot-tell';
  }
}
