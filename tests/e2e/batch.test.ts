import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchCustomId } from '../../src/batch/batch-items.js';
import { startFakeModelServer, type FakeModelServer } from '../helpers/fake-model-server.js';
import { fakeBatchRoutes } from '../helpers/fake-server/batch-routes.js';
import type { FakeBatchControl } from '../helpers/fake-server/batch-control.js';
import { cleanEnv, copyFixtureProject, runCli } from '../helpers/cli.js';
import { canvasBrain, TOY_TRIGGER_IDS } from '../helpers/toy-brain.js';

// `evals run --batch` as a user types it: the suite goes through the Batch API, failed items fall
// back to normal calls, and an interrupted wait is collected by --resume without resubmitting.

function onlyRun(project: string): string {
  const dir = path.join(project, 'reports', 'toy');
  return path.join(
    dir,
    readdirSync(dir)
      .filter((n) => /^\d{8}-/.test(n)) // run folders, not baseline.json or history.jsonl
      .sort()[0],
  );
}

function rows(runDir: string): Array<{ caseId: string; status: string; repeat: number }> {
  return readFileSync(path.join(runDir, 'results.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
}

describe('evals run --batch', () => {
  let server: FakeModelServer;
  let control: FakeBatchControl;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    const batch = fakeBatchRoutes({ pollsUntilDone: 2 });
    control = batch.control;
    server = await startFakeModelServer(canvasBrain(TOY_TRIGGER_IDS), { routes: batch.routes });
    env = cleanEnv({ OPENAI_BASE_URL: server.openaiBaseUrl, OPENAI_API_KEY: 'sk-test' });
  });
  afterAll(() => server.close());

  it('runs the suite through the Batch API with the same verdicts as normal calls, and falls back for failed items', async () => {
    control.resetCounts();
    control.failures.clear();
    control.failures.set(batchCustomId('t02', 'candidate', 0), 'status-500');
    server.requests.length = 0;
    const project = copyFixtureProject('toy');
    const result = await runCli(['run', 'toy', '--systems', 'candidate', '--batch', '--batch-poll', '0.01', '--no-cache'], { cwd: project, env });
    expect(result.code, result.stderr).toBe(0);
    expect(control.counts.batchesCreated).toBe(1);
    expect(result.stderr).toMatch(/batch .* collected: 9 succeeded, 1 failed/);
    // Only the failed item went through a normal call.
    expect(server.requests).toHaveLength(1);
    const list = rows(onlyRun(project));
    expect(list).toHaveLength(10);
    expect(list.every((r) => r.status === 'pass')).toBe(true);
    expect(existsSync(path.join(onlyRun(project), 'batches.json'))).toBe(true);
  });

  it('after Ctrl-C while waiting, --resume polls the saved batch instead of submitting again', async () => {
    control.resetCounts();
    control.failures.clear();
    control.pollsUntilDone = 1_000_000;
    const project = copyFixtureProject('toy');
    const waiting = await runCli(['run', 'toy', '--systems', 'candidate', '--batch', '--batch-poll', '0.05', '--no-cache'], {
      cwd: project,
      env,
      onSpawn: (pid) => {
        const timer = setInterval(() => {
          // Long enough a wait for abort listeners to pile up, if each poll left one behind.
          if (control.counts.polls >= 15) {
            clearInterval(timer);
            process.kill(pid, 'SIGINT');
          }
        }, 20);
      },
    });
    expect(waiting.code).toBe(130);
    expect(waiting.stderr).not.toContain('MaxListenersExceededWarning');
    expect(control.counts.batchesCreated).toBe(1);
    control.pollsUntilDone = 1;
    const runDir = onlyRun(project);
    const resumed = await runCli(['run', '--resume', path.basename(runDir), '--batch-poll', '0.01'], { cwd: project, env });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(control.counts.batchesCreated).toBe(1);
    expect(rows(runDir)).toHaveLength(10);
  });

  it('a lost answer to the batch creation: the batch is found, not paid for twice, and the run completes', async () => {
    control.resetCounts();
    control.failures.clear();
    control.pollsUntilDone = 1;
    control.loseCreateAnswers = 1;
    server.requests.length = 0;
    const project = copyFixtureProject('toy');
    const result = await runCli(['run', 'toy', '--systems', 'candidate', '--batch', '--batch-poll', '0.01', '--no-cache'], { cwd: project, env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/answer to a batch submission was lost, but batch batch_\S+ was found \(10 requests\)/);
    expect(control.counts.batchesCreated).toBe(1);
    expect(server.requests).toHaveLength(0);
    expect(rows(onlyRun(project))).toHaveLength(10);
    expect(control.counts.filesDeleted).toBe(1);
  });
});
