import { afterAll, beforeAll, expect, it } from 'vitest';
import { readBatchFile, writeBatches } from '../../src/batch/batch-file.js';
import { batchCustomId } from '../../src/batch/batch-items.js';
import type { BatchEvent } from '../../src/batch/events.js';
import { runBatchPhase } from '../../src/batch/run-batch.js';
import { createDiskCache } from '../../src/cache/response-cache.js';
import type { Job } from '../../src/run/execute-job.js';
import { startFakeModelServer, type FakeModelServer, type Route } from '../helpers/fake-model-server.js';
import { fakeBatchRoutes } from '../helpers/fake-server/batch-routes.js';
import { checks, jobsFor, makeSystem } from './support.js';
import { makeTempDir } from '../helpers/temp-dir.js';

// What happens around a batch when things go wrong: flaky status polls, a batch the provider no
// longer knows, a submit whose answer is lost after the batch was made, and reruns served from
// the response cache.

const env = { OPENAI_API_KEY: 'sk-test-batch-key-123456', ANTHROPIC_API_KEY: 'sk-ant-test-batch-key-123456' };
const batch = fakeBatchRoutes({ pollsUntilDone: 2 });
let flakyPolls = 0;
let server: FakeModelServer;

/** The status route, answering 503 while `flakyPolls` lasts. */
function flaky(route: Route): Route {
  return {
    ...route,
    handle(request, context) {
      if (flakyPolls > 0) {
        flakyPolls -= 1;
        return { status: 503, headers: { 'retry-after': '0' }, body: { error: { message: 'Service unavailable', type: 'server_error' } } };
      }
      return route.handle(request, context);
    },
  };
}

beforeAll(async () => {
  const routes = batch.routes.map((r) => (r.method === 'GET' && r.path === '/v1/batches/:id' ? flaky(r) : r));
  server = await startFakeModelServer(undefined, { routes });
});
afterAll(() => server.close());

function run(jobs: Job[], runDir: string, extra: { onEvent?: (e: BatchEvent) => void; cacheDir?: string; signal?: AbortSignal } = {}) {
  return runBatchPhase({
    suite: { name: 'canvas-trigger', root: process.cwd() },
    systems: [{ system: jobs[0].system }],
    jobs,
    runDir,
    checks,
    env,
    pollIntervalMs: 5,
    wait: true,
    onEvent: extra.onEvent,
    signal: extra.signal,
    cache: extra.cacheDir ? createDiskCache(extra.cacheDir) : undefined,
  });
}

it('keeps polling through transient status errors', async () => {
  const jobs = jobsFor(makeSystem('candidate', 'openai:gpt-4o-mini', server.openaiBaseUrl));
  const events: BatchEvent[] = [];
  flakyPolls = 2;

  const result = await run(jobs, makeTempDir('batch'), { onEvent: (e) => events.push(e) });

  expect(events.filter((e) => e.type === 'batch-poll-failed')).toMatchObject([{ willRetry: true }, { willRetry: true }]);
  expect(result.records).toHaveLength(3);
  expect(result.pending).toBe(false);
});

it('sends the jobs of a batch the provider no longer knows to normal calls', async () => {
  const jobs = jobsFor(makeSystem('candidate', 'openai:gpt-4o-mini', server.openaiBaseUrl));
  const runDir = makeTempDir('batch');
  const customIds = jobs.map((j) => batchCustomId(j.case.id, 'candidate', 0));
  writeBatches(runDir, [{ provider: 'openai', system: 'candidate', batchId: 'batch_gone', customIds, submittedAt: new Date().toISOString(), status: 'submitted' }]);
  batch.control.resetCounts();
  const events: BatchEvent[] = [];

  const result = await run(jobs, runDir, { onEvent: (e) => events.push(e) });

  expect(result.fallback).toHaveLength(3);
  expect(batch.control.counts.batchesCreated).toBe(0);
  expect(events.find((e) => e.type === 'batch-poll-failed')).toMatchObject({ willRetry: false, reason: expect.stringContaining('404') });
});

it('stores batch answers in the response cache, so a rerun sends nothing', async () => {
  const jobs = jobsFor(makeSystem('candidate', 'openai:gpt-4o-mini', server.openaiBaseUrl));
  const cacheDir = makeTempDir('batch');
  const first = await run(jobs, makeTempDir('batch'), { cacheDir });
  batch.control.resetCounts();

  const rerun = await run(jobs, makeTempDir('batch'), { cacheDir });

  expect(batch.control.counts.batchesCreated).toBe(0);
  expect(rerun.records.every((r) => r.cached)).toBe(true);
  expect(rerun.records.map((r) => r.outputHash)).toEqual(first.records.map((r) => r.outputHash));
});

it('finds the batch when the answer to its creation is lost, instead of paying for it twice', async () => {
  const jobs = jobsFor(makeSystem('candidate', 'openai:gpt-4o-mini', server.openaiBaseUrl));
  batch.control.resetCounts();
  batch.control.loseCreateAnswers = 1;
  const events: BatchEvent[] = [];

  const result = await run(jobs, makeTempDir('batch'), { onEvent: (e) => events.push(e) });

  expect(batch.control.counts.batchesCreated).toBe(1);
  expect(result.fallback).toHaveLength(0);
  expect(result.records.map((r) => r.caseId).sort()).toEqual(['capital', 'essay', 'haiku / short']);
  expect(events.map((e) => e.type)).toContain('batch-recovered');
  expect(events.map((e) => e.type)).not.toContain('batch-submit-failed');
  // Collected: the uploaded input file is deleted on the provider's side.
  expect(batch.control.counts.filesDeleted).toBe(1);
});

it('when the provider cannot say whether the batch was made, keeps the jobs for --resume, which finds it', async () => {
  const jobs = jobsFor(makeSystem('candidate', 'openai:gpt-4o-mini', server.openaiBaseUrl));
  const runDir = makeTempDir('batch');
  batch.control.resetCounts();
  batch.control.loseCreateAnswers = 1;
  batch.control.failLists = 1;
  const events: BatchEvent[] = [];

  const first = await run(jobs, runDir, { onEvent: (e) => events.push(e) });

  // Neither sent again as a batch nor as normal calls: the run is incomplete until resumed.
  expect(first).toMatchObject({ records: [], fallback: [], pending: true });
  expect(events.find((e) => e.type === 'batch-unresolved')).toMatchObject({ items: 3 });
  const saved = readBatchFile(runDir);
  expect(saved.batches).toEqual([]);
  expect(saved.submitting).toMatchObject([{ provider: 'openai', system: 'candidate', customIds: expect.any(Array), inputFileId: expect.stringMatching(/^file-/) }]);

  const resumed = await run(jobs, runDir);

  expect(batch.control.counts.batchesCreated).toBe(1);
  expect(resumed.records).toHaveLength(3);
  expect(resumed.fallback).toHaveLength(0);
  expect(readBatchFile(runDir).submitting).toEqual([]);
});

it('a submission killed before the batch was made is sent again on resume, and its orphan upload deleted', async () => {
  const jobs = jobsFor(makeSystem('candidate', 'openai:gpt-4o-mini', server.openaiBaseUrl));
  const runDir = makeTempDir('batch');
  const customIds = jobs.map((j) => batchCustomId(j.case.id, 'candidate', 0));
  // What batches.json holds after a kill -9 between the upload and the batch creation.
  const upload = await fetch(`${server.openaiBaseUrl}/files`, { method: 'POST', body: uploadForm(), headers: { authorization: 'Bearer x' } });
  const file = (await upload.json()) as { id: string };
  writeBatches(runDir, [], [{ provider: 'openai', system: 'candidate', tag: 'never-created', customIds, startedAt: new Date().toISOString(), inputFileId: file.id }]);
  batch.control.resetCounts();

  const result = await run(jobs, runDir);

  expect(batch.control.counts.batchesCreated).toBe(1);
  expect(result.records).toHaveLength(3);
  // The orphan upload, then the new batch's own input file once collected.
  expect(batch.control.counts.filesDeleted).toBe(2);
  expect(readBatchFile(runDir).submitting).toEqual([]);
});

it('Ctrl-C while looking for a lost batch keeps the submission, and --resume finds the batch', async () => {
  const jobs = jobsFor(makeSystem('candidate', 'openai:gpt-4o-mini', server.openaiBaseUrl));
  const runDir = makeTempDir('batch');
  batch.control.resetCounts();
  batch.control.loseCreateAnswers = 1;
  batch.control.listDelayMs = 5_000;
  const controller = new AbortController();
  const events: BatchEvent[] = [];
  const watcher = setInterval(() => {
    if (batch.control.counts.lists > 0) controller.abort();
  }, 5);

  const interrupted = await run(jobs, runDir, { signal: controller.signal, onEvent: (e) => events.push(e) });
  clearInterval(watcher);
  batch.control.listDelayMs = 0;

  expect(interrupted.records).toEqual([]);
  expect(interrupted.fallback).toEqual([]);
  expect(events.map((e) => e.type)).not.toContain('batch-submit-failed');
  expect(readBatchFile(runDir).submitting).toHaveLength(1);

  const resumed = await run(jobs, runDir);

  expect(batch.control.counts.batchesCreated).toBe(1);
  expect(resumed.records).toHaveLength(3);
  expect(readBatchFile(runDir).submitting).toEqual([]);
});

it('an Anthropic submission left by a killed run is sent again with a warning: its batch cannot be looked up', async () => {
  const jobs = jobsFor(makeSystem('claude', 'anthropic:claude-sonnet-4-5', server.anthropicBaseUrl));
  const runDir = makeTempDir('batch');
  const customIds = jobs.map((j) => batchCustomId(j.case.id, 'claude', 0));
  writeBatches(runDir, [], [{ provider: 'anthropic', system: 'claude', tag: 'lost', customIds, startedAt: '2026-11-26T04:00:00.000Z' }]);
  batch.control.resetCounts();
  const events: BatchEvent[] = [];

  const result = await run(jobs, runDir, { onEvent: (e) => events.push(e) });

  expect(events.find((e) => e.type === 'batch-may-exist')).toMatchObject({ system: 'claude', items: 3, since: '2026-11-26T04:00:00.000Z' });
  expect(batch.control.counts.batchesCreated).toBe(1);
  expect(result.records).toHaveLength(3);
  expect(readBatchFile(runDir).submitting).toEqual([]);
});

function uploadForm(): FormData {
  const form = new FormData();
  form.append('purpose', 'batch');
  form.append('file', new Blob(['{"custom_id":"x","method":"POST","url":"/v1/chat/completions","body":{}}\n']), 'orphan.jsonl');
  return form;
}
