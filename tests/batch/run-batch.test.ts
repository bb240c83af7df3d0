import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { batchCustomId } from '../../src/batch/batch-items.js';
import type { BatchEvent } from '../../src/batch/events.js';
import { runBatchPhase, type BatchPhaseOptions } from '../../src/batch/run-batch.js';
import type { Job } from '../../src/run/execute-job.js';
import { startFakeModelServer, type FakeModelServer } from '../helpers/fake-model-server.js';
import { fakeBatchRoutes, type FakeBatchControl } from '../helpers/fake-server/batch-routes.js';
import { checks, essence, jobsFor, makeSystem, normalRecords } from './support.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const env = { OPENAI_API_KEY: 'sk-test-batch-key-123456', ANTHROPIC_API_KEY: 'sk-ant-test-batch-key' };
let server: FakeModelServer;
let control: FakeBatchControl;

beforeAll(async () => {
  const batch = fakeBatchRoutes({ pollsUntilDone: 3 });
  control = batch.control;
  server = await startFakeModelServer(undefined, { routes: batch.routes });
});
afterAll(() => server.close());
beforeEach(() => {
  control.resetCounts();
  control.failures.clear();
  control.pollsUntilDone = 3;
  server.requests.length = 0;
});

const providers = [
  { label: 'OpenAI Batch API', provider: 'openai:gpt-4o-mini', baseUrl: () => server.openaiBaseUrl },
  { label: 'Anthropic Message Batches API', provider: 'anthropic:claude-sonnet-4-5', baseUrl: () => server.anthropicBaseUrl },
];

function phase(jobs: Job[], overrides: Partial<BatchPhaseOptions> = {}): BatchPhaseOptions {
  const systems = [...new Map(jobs.map((j) => [j.system.name, { system: j.system }])).values()];
  return { suite: { name: 'canvas-trigger', root: process.cwd() }, systems, jobs, runDir: makeTempDir('batch'), checks, env, pollIntervalMs: 5, wait: true, ...overrides };
}

describe.each(providers)('$label', ({ provider, baseUrl }) => {
  it('completes after a few polls with the same outputs and verdicts as normal calls', async () => {
    const system = makeSystem('candidate', provider, baseUrl());
    const jobs = jobsFor(system, 2);
    const events: BatchEvent[] = [];

    const result = await runBatchPhase(phase(jobs, { onEvent: (e) => events.push(e) }));

    expect(result.pending).toBe(false);
    expect(result.fallback).toEqual([]);
    expect(control.counts.batchesCreated).toBe(1);
    expect(control.requests).toHaveLength(6);
    // Two "still running" polls, then the one that finds it ended.
    expect(events.filter((e) => e.type === 'batch-progress')).toHaveLength(2);
    expect(server.requests).toHaveLength(0);

    const normal = await normalRecords(jobs, env);
    expect(result.records.map(essence)).toEqual(normal.map(essence));
    // Byte for byte the request a normal call sends, prompt rendered with the case's columns.
    expect(control.requests.map((r) => r.body)).toEqual(server.requests.map((r) => r.body));
    expect(result.records.map((r) => r.status)).toEqual(['pass', 'pass', 'pass', 'pass', 'fail', 'fail']);
    expect(result.records[0].checks[0].reason).toBe('called canvas(type: "document")');
  });

  it('hands failed and expired items back as fallback jobs and keeps the rest', async () => {
    const system = makeSystem('candidate', provider, baseUrl());
    const jobs = jobsFor(system);
    control.failures.set(batchCustomId('essay', 'candidate', 0), 'status-500');
    control.failures.set(batchCustomId('capital', 'candidate', 0), 'expired');
    const events: BatchEvent[] = [];

    const result = await runBatchPhase(phase(jobs, { onEvent: (e) => events.push(e) }));

    expect(result.fallback.map((j) => j.case.id)).toEqual(['essay', 'capital']);
    expect(result.records.map((r) => r.caseId)).toEqual(['haiku / short']);
    expect(events.find((e) => e.type === 'batch-collected')).toMatchObject({ succeeded: 1, failed: 2 });
  });
});

describe('batch phase with mixed systems', () => {
  it('batches each model system separately and returns other systems as fallback', async () => {
    const openai = makeSystem('baseline', 'openai:gpt-4o-mini', server.openaiBaseUrl);
    const anthropic = makeSystem('candidate', 'anthropic:claude-sonnet-4-5', server.anthropicBaseUrl);
    const column = { name: 'current', provider: 'column:current_behavior', params: {} };
    const jobs = [...jobsFor(openai), ...jobsFor(anthropic), ...jobsFor(column)];

    const result = await runBatchPhase(phase(jobs));

    expect(control.counts.batchesCreated).toBe(2);
    expect(result.records).toHaveLength(6);
    expect(result.fallback.map((j) => j.system.name)).toEqual(['current', 'current', 'current']);
  });

  it('falls back to normal calls when the endpoint has no batch API', async () => {
    const system = makeSystem('local', 'openai:llama3', `${server.url}/not-openai/v1`);
    const events: BatchEvent[] = [];

    const result = await runBatchPhase(phase(jobsFor(system), { onEvent: (e) => events.push(e) }));

    expect(result.fallback).toHaveLength(3);
    expect(result.records).toEqual([]);
    expect(events[0]).toMatchObject({ type: 'batch-submit-failed', items: 3 });
    expect(events[0].type === 'batch-submit-failed' && events[0].reason).toContain('404');
  });
});

describe('resuming a submitted batch', () => {
  it.each(providers)('polls the saved $label batch instead of submitting again', async ({ provider, baseUrl }) => {
    const system = makeSystem('candidate', provider, baseUrl());
    const jobs = jobsFor(system);
    const runDir = makeTempDir('batch');

    const first = await runBatchPhase(phase(jobs, { runDir, wait: false }));
    expect(first).toEqual({ records: [], fallback: [], pending: true });
    const saved = JSON.parse(readFileSync(path.join(runDir, 'batches.json'), 'utf8'));
    expect(saved.batches).toHaveLength(1);
    expect(saved.batches[0]).toMatchObject({ provider: provider.split(':')[0], system: 'candidate', status: 'submitted', customIds: jobs.map((j) => batchCustomId(j.case.id, 'candidate', 0)) });
    expect(control.counts.polls).toBe(0);

    // `evals run --resume` without waiting: one poll, still running.
    const peek = await runBatchPhase(phase(jobs, { runDir, wait: false }));
    expect(peek.pending).toBe(true);
    expect(control.counts.polls).toBe(1);

    const resumed = await runBatchPhase(phase(jobs, { runDir, wait: true }));
    expect(resumed.pending).toBe(false);
    expect(resumed.records.map((r) => r.caseId)).toEqual(['essay', 'capital', 'haiku / short']);
    expect(control.counts.batchesCreated).toBe(1);
    const after = JSON.parse(readFileSync(path.join(runDir, 'batches.json'), 'utf8'));
    expect(after.batches[0]).toMatchObject({ status: 'done', collected: saved.batches[0].customIds, failed: [] });
  });

  it('stops waiting on Ctrl-C and leaves the batch saved for --resume', async () => {
    const system = makeSystem('candidate', 'openai:gpt-4o-mini', server.openaiBaseUrl);
    const runDir = makeTempDir('batch');
    const stop = new AbortController();

    const result = await runBatchPhase(phase(jobsFor(system), { runDir, signal: stop.signal, onEvent: (e) => e.type === 'batch-progress' && stop.abort() }));

    expect(result).toEqual({ records: [], fallback: [], pending: true });
    expect(control.counts.polls).toBe(1);
    expect(JSON.parse(readFileSync(path.join(runDir, 'batches.json'), 'utf8')).batches[0].status).toBe('submitted');
  });

  it('sends items that failed in a collected batch straight to normal calls on the next resume', async () => {
    const system = makeSystem('candidate', 'openai:gpt-4o-mini', server.openaiBaseUrl);
    const jobs = jobsFor(system);
    const runDir = makeTempDir('batch');
    control.failures.set(batchCustomId('capital', 'candidate', 0), 'error');
    const first = await runBatchPhase(phase(jobs, { runDir }));
    expect(first.fallback.map((j) => j.case.id)).toEqual(['capital']);
    control.resetCounts();

    // The run was killed before the fallback call finished: only "capital" is still to do.
    const again = await runBatchPhase(
      phase(
        jobs.filter((j) => j.case.id === 'capital'),
        { runDir },
      ),
    );

    expect(again.fallback.map((j) => j.case.id)).toEqual(['capital']);
    expect(control.counts).toEqual({ filesUploaded: 0, batchesCreated: 0, polls: 0, downloads: 0, lists: 0, filesDeleted: 0 });
  });

  it('collects a batch again when its results were lost before reaching the journal', async () => {
    const system = makeSystem('candidate', 'anthropic:claude-sonnet-4-5', server.anthropicBaseUrl);
    const jobs = jobsFor(system);
    const runDir = makeTempDir('batch');
    await runBatchPhase(phase(jobs, { runDir }));
    control.resetCounts();

    const again = await runBatchPhase(phase(jobs.slice(1), { runDir }));

    expect(again.records.map((r) => r.caseId)).toEqual(['capital', 'haiku / short']);
    expect(control.counts.batchesCreated).toBe(0);
  });
});
