import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeModelServer, type FakeBrain, type FakeModelServer } from '../helpers/fake-model-server.js';
import { cleanEnv, copyFixtureProject, runCli, runFolders } from '../helpers/cli.js';
import { canvasBrain, toyCaseId, TOY_TRIGGER_IDS } from '../helpers/toy-brain.js';

// Issue 5: nothing lost, nothing done twice. Runs the built CLI against the fake server with
// faults injected, kills it, resumes it, shards it, and reruns it from the cache.

interface Row {
  caseId: string;
  system: string;
  repeat: number;
  status: string;
  outputHash?: string;
  cached?: boolean;
  error?: { kind: string; message: string };
  retries?: number;
}

function rows(runDir: string): Row[] {
  return readFileSync(path.join(runDir, 'results.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}

/** What must be equal between two runs of the same suite: who, which repeat, the verdict and the output. */
function essence(list: Row[]): string[] {
  return list.map((r) => `${r.caseId}/${r.system}/${r.repeat}: ${r.status} ${r.outputHash ?? r.error?.kind}`).sort();
}

function assertEachJobOnce(list: Row[], expected: number): void {
  const keys = list.map((r) => `${r.caseId}/${r.system}/${r.repeat}`);
  expect(new Set(keys).size).toBe(keys.length);
  expect(keys).toHaveLength(expected);
}

/**
 * SIGINT once the first result is on disk, not after a fixed time: a slow start must not turn the
 * signal into a default kill before the CLI has its handler.
 */
function interruptAfterFirstResult(project: string, pid: number): void {
  const timer = setInterval(() => {
    try {
      if (rows(runFolders(project, 'toy')[0]).length >= 1) {
        clearInterval(timer);
        process.kill(pid, 'SIGINT');
      }
    } catch {
      // No results yet.
    }
  }, 10);
}

describe('reliability', () => {
  let server: FakeModelServer;
  let env: NodeJS.ProcessEnv;
  const requestsPerCase = () => {
    const counts: Record<string, number> = {};
    for (const request of server.requests) counts[toyCaseId(request)] = (counts[toyCaseId(request)] ?? 0) + 1;
    return counts;
  };

  beforeAll(async () => {
    server = await startFakeModelServer(canvasBrain(TOY_TRIGGER_IDS));
    env = cleanEnv({ OPENAI_BASE_URL: server.openaiBaseUrl, OPENAI_API_KEY: 'sk-test' });
  });
  afterAll(() => server.close());

  it('429 storms, 500s, hangs, resets and malformed bodies: every job ends passed, failed or errored with its cause, none lost or doubled', async () => {
    let n = 0;
    const healthy = canvasBrain(TOY_TRIGGER_IDS);
    const faulty: FakeBrain = (request) => {
      n += 1;
      // About a quarter of requests fail, each kind several times over the run.
      if (n % 10 === 0) return { status: 429, headers: { 'retry-after': '0' }, errorBody: { error: { message: 'slow down', type: 'rate_limit_error' } } };
      if (n % 17 === 0) return { status: 500 };
      if (n % 19 === 0) return { delayMs: 3_000 };
      if (n % 23 === 0) return { destroy: true };
      if (n % 29 === 0) return { rawBody: '{"choices": [' };
      return healthy(request);
    };
    server.setBrain(faulty);
    const project = copyFixtureProject('toy');
    const result = await runCli(['run', 'toy', '--systems', 'candidate', '--repeat', '5', '--no-cache', '--timeout', '500', '--concurrency', '8', '--max-retries', '8'], { cwd: project, env });
    expect(result.code, result.stderr).toBe(0);
    const list = rows(runFolders(project, 'toy')[0]);
    assertEachJobOnce(list, 50);
    expect(list.every((r) => r.status === 'pass')).toBe(true);
    const summary = JSON.parse(readFileSync(path.join(runFolders(project, 'toy')[0], 'summary.json'), 'utf8'));
    const candidate = summary.systems.find((s: { system: string }) => s.system === 'candidate');
    expect(candidate.retries).toBeGreaterThan(5);
    expect(candidate.retriesByKind['rate-limit']).toBeGreaterThan(0);
    expect(candidate.retriesByKind.timeout).toBeGreaterThan(0);
    expect(candidate.retriesByKind.http).toBeGreaterThan(0);
  });

  it('a case that keeps failing is an error with its cause, and the run goes on', async () => {
    server.setBrain((request) => (toyCaseId(request) === 't04' ? { status: 503 } : canvasBrain(TOY_TRIGGER_IDS)(request)));
    const project = copyFixtureProject('toy');
    const result = await runCli(['run', 'toy', '--systems', 'candidate', '--no-cache', '--max-retries', '1'], { cwd: project, env });
    expect(result.code).toBe(1);
    const list = rows(runFolders(project, 'toy')[0]);
    assertEachJobOnce(list, 10);
    const t04 = list.find((r) => r.caseId === 't04')!;
    expect(t04.status).toBe('error');
    expect(t04.error?.message).toContain('503');
    expect(t04.retries).toBe(1);
    expect(result.stdout).toContain('1 errored case');
  });

  it('kill -9 mid-run, then --resume: the same results as an uninterrupted run, no repeated request for completed jobs', async () => {
    server.setBrain(canvasBrain(TOY_TRIGGER_IDS, 120));
    const reference = copyFixtureProject('toy');
    const full = await runCli(['run', 'toy', '--systems', 'candidate', '--repeat', '3', '--no-cache', '--concurrency', '3'], { cwd: reference, env });
    expect(full.code).toBe(0);

    const project = copyFixtureProject('toy');
    server.requests.length = 0;
    const killed = await runCli(['run', 'toy', '--systems', 'candidate', '--repeat', '3', '--no-cache', '--concurrency', '3'], {
      cwd: project,
      env,
      onSpawn: (pid) => {
        const timer = setInterval(() => {
          try {
            const dir = runFolders(project, 'toy')[0];
            if (dir && rows(dir).length >= 12) {
              clearInterval(timer);
              process.kill(pid, 'SIGKILL');
            }
          } catch {
            // The run folder is not there yet.
          }
        }, 20);
      },
    });
    expect(killed.signal).toBe('SIGKILL');
    const runDir = runFolders(project, 'toy')[0];
    const before = rows(runDir);
    expect(before.length).toBeGreaterThanOrEqual(12);
    expect(before.length).toBeLessThan(30);
    // A power cut can leave half a line behind.
    appendFileSync(path.join(runDir, 'results.jsonl'), '{"caseId":"t0');
    const completedCases = Object.entries(before.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.caseId]: (acc[r.caseId] ?? 0) + 1 }), {}))
      .filter(([, count]) => count === 3)
      .map(([id]) => id);
    expect(completedCases.length).toBeGreaterThan(0);
    const requestsBeforeResume = requestsPerCase();

    const resumed = await runCli(['run', '--resume', path.basename(runDir)], { cwd: project, env });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(/resuming run .*: \d+ of 30 results already done/);
    const after = rows(runDir);
    assertEachJobOnce(after, 30);
    expect(essence(after)).toEqual(essence(rows(runFolders(reference, 'toy')[0])));
    const requestsAfter = requestsPerCase();
    for (const id of completedCases) expect(requestsAfter[id]).toBe(requestsBeforeResume[id]);
    const summary = JSON.parse(readFileSync(path.join(runDir, 'summary.json'), 'utf8'));
    expect(summary.complete).toBe(true);
    expect(summary.systems[0]).toMatchObject({ pass: 30, fail: 0, error: 0 });
  });

  it('Ctrl-C stops scheduling, writes a partial summary and exits 130; --resume finishes the run', async () => {
    server.setBrain(canvasBrain(TOY_TRIGGER_IDS, 150));
    const project = copyFixtureProject('toy');
    const interrupted = await runCli(['run', 'toy', '--systems', 'candidate', '--repeat', '4', '--no-cache', '--concurrency', '2'], {
      cwd: project,
      env,
      onSpawn: (pid) => interruptAfterFirstResult(project, pid),
    });
    expect(interrupted.code).toBe(130);
    const runDir = runFolders(project, 'toy')[0];
    expect(interrupted.stdout).toContain(`finish it with: evals run --resume ${path.basename(runDir)}`);
    // A partial run is not compared or gated: its missing cases are not regressions.
    expect(interrupted.stdout).not.toContain('gate');
    const summary = JSON.parse(readFileSync(path.join(runDir, 'summary.json'), 'utf8'));
    expect(summary.complete).toBe(false);
    const partial = rows(runDir);
    expect(partial.length).toBeGreaterThan(0);
    expect(partial.every((r) => r.status === 'pass')).toBe(true);
    const resumed = await runCli(['run', '--resume', path.basename(runDir)], { cwd: project, env });
    expect(resumed.code).toBe(0);
    assertEachJobOnce(rows(runDir), 40);
  });

  it('after Ctrl-C, jobs still queued are not started (only requests already in flight finish)', async () => {
    server.setBrain(canvasBrain(TOY_TRIGGER_IDS, 400));
    const project = copyFixtureProject('toy');
    server.requests.length = 0;
    let atSignal = -1;
    const interrupted = await runCli(['run', 'toy', '--systems', 'candidate', '--repeat', '4', '--no-cache', '--concurrency', '2'], {
      cwd: project,
      env,
      onSpawn: (pid) => {
        const timer = setInterval(() => {
          try {
            if (rows(runFolders(project, 'toy')[0]).length >= 1) {
              clearInterval(timer);
              atSignal = server.requests.length;
              process.kill(pid, 'SIGINT');
            }
          } catch {
            // No results yet.
          }
        }, 10);
      },
    });
    expect(interrupted.code).toBe(130);
    expect(server.requests.length - atSignal).toBeLessThanOrEqual(2);
    const written = rows(runFolders(project, 'toy')[0]).length;
    expect(written).toBeLessThan(10);
    server.setBrain(canvasBrain(TOY_TRIGGER_IDS));
    const resumed = await runCli(['run', '--resume', path.basename(runFolders(project, 'toy')[0]), '--no-cache'], { cwd: project, env });
    expect(resumed.code).toBe(0);
    assertEachJobOnce(rows(runFolders(project, 'toy')[0]), 40);
  });

  it('a resumed --limit run is still partial: it cannot become the baseline', async () => {
    server.setBrain(canvasBrain(TOY_TRIGGER_IDS, 200));
    const project = copyFixtureProject('toy');
    const interrupted = await runCli(['run', 'toy', '--systems', 'candidate', '--limit', '4', '--no-cache', '--concurrency', '1'], {
      cwd: project,
      env,
      onSpawn: (pid) => interruptAfterFirstResult(project, pid),
    });
    expect(interrupted.code).toBe(130);
    const resumed = await runCli(['run', '--resume', path.basename(runFolders(project, 'toy')[0]), '--update-baseline'], { cwd: project, env });
    // The run finished, but the baseline it was asked to record was refused: CI must notice.
    expect(resumed.code).toBe(2);
    expect(resumed.stdout).toContain('baseline not updated: the run covered only part of the suite');
    const again = await runCli(['run', '--resume', path.basename(runFolders(project, 'toy')[0]), '--limit', '2'], { cwd: project, env });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('--resume finishes the run as it was started; --limit cannot change it');
  });

  it('a damaged run.json is exit 2 with the file named, not a crash', async () => {
    const project = copyFixtureProject('toy');
    await runCli(['run', 'toy', '--systems', 'current'], { cwd: project, env });
    const runDir = runFolders(project, 'toy')[0];
    writeFileSync(path.join(runDir, 'run.json'), '{"suite": "toy", ');
    const result = await runCli(['report', path.basename(runDir)], { cwd: project, env });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/run\.json is not valid JSON \(the run folder is damaged\)/);
  });

  // At a base_url endpoint (the fake server is one) a cached run asks once which model is served now: one request.
  it('a fully cached rerun makes one request (the probe) and gives the same verdicts; the cache keys on the repeat index', async () => {
    server.setBrain(canvasBrain(TOY_TRIGGER_IDS));
    const project = copyFixtureProject('toy');
    server.requests.length = 0;
    const first = await runCli(['run', 'toy', '--systems', 'candidate', '--repeat', '2'], { cwd: project, env });
    expect(first.code).toBe(0);
    expect(server.requests).toHaveLength(20);
    const second = await runCli(['run', 'toy', '--systems', 'candidate', '--repeat', '2'], { cwd: project, env });
    expect(second.code).toBe(0);
    expect(server.requests).toHaveLength(21);
    const [a, b] = runFolders(project, 'toy');
    expect(essence(rows(b))).toEqual(essence(rows(a)));
    expect(rows(b).every((r) => r.cached)).toBe(true);
    const stats = await runCli(['cache', 'stats'], { cwd: project, env });
    expect(stats.stdout).toContain('20 cached responses');
    await runCli(['run', 'toy', '--systems', 'candidate', '--no-cache'], { cwd: project, env });
    expect(server.requests).toHaveLength(31);
    const cleared = await runCli(['cache', 'clear'], { cwd: project, env });
    expect(cleared.stdout).toContain('removed 20 cached responses');
  });

  it('the cache keys on the endpoint actually used: another OPENAI_BASE_URL never gets these answers', async () => {
    server.setBrain(canvasBrain(TOY_TRIGGER_IDS));
    const project = copyFixtureProject('toy');
    expect((await runCli(['run', 'toy', '--systems', 'candidate'], { cwd: project, env })).code).toBe(0);
    const elsewhere = { ...env, OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' };
    const result = await runCli(['run', 'toy', '--systems', 'candidate', '--max-retries', '0'], { cwd: project, env: elsewhere });
    expect(result.code).toBe(3);
    expect(rows(runFolders(project, 'toy')[1]).every((r) => r.status === 'error' && !r.cached)).toBe(true);
  });

  it('errors are never cached', async () => {
    server.setBrain(() => ({ status: 400, errorBody: { error: { message: 'bad request', type: 'invalid_request_error' } } }));
    const project = copyFixtureProject('toy');
    await runCli(['run', 'toy', '--systems', 'candidate', '--limit', '2'], { cwd: project, env });
    const stats = await runCli(['cache', 'stats'], { cwd: project, env });
    expect(stats.stdout).toContain('0 cached responses');
  });

  it('sharded and merged equals unsharded, case for case', async () => {
    server.setBrain(canvasBrain(['t01', 't02', 't05', 't09']));
    const project = copyFixtureProject('toy');
    const whole = await runCli(['run', 'toy', '--no-cache'], { cwd: project, env });
    expect(whole.code).toBe(0);
    const s1 = await runCli(['run', 'toy', '--no-cache', '--shard', '1/2'], { cwd: project, env });
    const s2 = await runCli(['run', 'toy', '--no-cache', '--shard', '2/2'], { cwd: project, env });
    expect(s1.code).toBe(0);
    expect(s2.code).toBe(0);
    const [wholeDir, shard1, shard2] = runFolders(project, 'toy');
    expect(rows(shard1).length).toBeGreaterThan(0);
    expect(rows(shard2).length).toBeGreaterThan(0);
    expect(rows(shard1).length + rows(shard2).length).toBe(20);
    const merged = await runCli(['merge', shard1, shard2], { cwd: project, env });
    expect(merged.code, merged.stderr).toBe(0);
    const mergedDir = runFolders(project, 'toy')[3];
    expect(essence(rows(mergedDir))).toEqual(essence(rows(wholeDir)));
    const a = JSON.parse(readFileSync(path.join(wholeDir, 'summary.json'), 'utf8'));
    const b = JSON.parse(readFileSync(path.join(mergedDir, 'summary.json'), 'utf8'));
    expect(b.systems.map((s: { pass: number; fail: number }) => [s.pass, s.fail])).toEqual(a.systems.map((s: { pass: number; fail: number }) => [s.pass, s.fail]));
    expect(readFileSync(path.join(mergedDir, 'cases.jsonl'), 'utf8')).toBe(readFileSync(path.join(wholeDir, 'cases.jsonl'), 'utf8'));
  });
});
