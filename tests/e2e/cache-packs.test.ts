import { mkdirSync, readdirSync, readFileSync, rmSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, copyFixtureProject, runCli } from '../helpers/cli.js';
import { startFakeModelServer } from '../helpers/fake-model-server.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { canvasBrain, toyCaseId, TOY_TRIGGER_IDS } from '../helpers/toy-brain.js';
import { useToyModelServer } from '../helpers/toy-server.js';

// The response cache's answers are appended to pack files (one per writer) instead of one file each.
// What the cache promised before must still hold: a torn entry is never served, a killed run loses no
// answer it got, runs sharing a cache folder do not spoil each other's entries, and a folder written
// by an older evals (one file per answer) is still read, counted and cleared.

const packsOf = (cacheDir: string) => {
  const folder = path.join(cacheDir, 'packs');
  return readdirSync(folder)
    .sort()
    .map((name) => path.join(folder, name));
};

const results = (project: string) => {
  const suiteDir = path.join(project, 'reports', 'toy');
  const runs = readdirSync(suiteDir)
    .filter((name) => /^\d{8}-/.test(name))
    .sort();
  return readFileSync(path.join(suiteDir, runs[runs.length - 1], 'results.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { caseId: string; status: string; cached?: boolean; output?: { text?: string } });
};

/** For runCli's onSpawn: kill the run (-9) as soon as `count` results are in its results.jsonl. */
const killAtResults = (project: string, count: number) => (pid: number) => {
  const timer = setInterval(() => {
    try {
      if (results(project).length >= count) {
        clearInterval(timer);
        process.kill(pid, 'SIGKILL');
      }
    } catch {
      // No run folder yet.
    }
  }, 20);
};

const verdicts = (project: string) =>
  results(project)
    .map((r) => `${r.caseId} ${r.status}`)
    .sort();

describe('pack files', () => {
  const toy = useToyModelServer();

  it('a torn or garbled entry is never served: that case is asked again, the others come from the cache', async () => {
    const { server, env } = toy;
    const project = copyFixtureProject('toy');
    const cacheDir = path.join(project, '.evals-cache');
    expect((await runCli(['run', 'toy', '--systems', 'candidate'], { cwd: project, env })).code).toBe(0);
    const first = verdicts(project);
    const [pack] = packsOf(cacheDir);
    const lines = readFileSync(pack, 'utf8').split('\n').filter(Boolean);
    expect(lines).toHaveLength(10);

    // A write cut short by a crash (the last line without its end), and a line spoilt in the middle.
    writeFileSync(pack, [...lines.slice(0, 2), lines[2].replace('"output":{', '"output":{{'), ...lines.slice(3)].join('\n') + '\n');
    truncateSync(pack, Buffer.byteLength(lines.join('\n')) - Math.floor(lines[9].length / 2));
    const spoilt = [JSON.parse(lines[9]).key, lines[2].slice(8, 72)];
    expect(spoilt[1]).toMatch(/^[0-9a-f]{64}$/);

    server.requests.length = 0;
    const again = await runCli(['run', 'toy', '--systems', 'candidate'], { cwd: project, env });
    expect(again.code).toBe(0);
    // The probe (which model the server serves now) and the two spoilt entries.
    expect(server.requests).toHaveLength(3);
    expect(again.stdout).toContain('candidate: 8 of 10 answers came from the cache (--no-cache');
    expect(verdicts(project)).toEqual(first);

    // The two answers asked again went to a pack of the second run: now everything is served.
    expect(packsOf(cacheDir)).toHaveLength(2);
    const newLines = readFileSync(packsOf(cacheDir)[1], 'utf8').split('\n').filter(Boolean);
    expect(newLines.map((line) => JSON.parse(line).key).sort()).toEqual([...spoilt].sort());
    server.requests.length = 0;
    const third = await runCli(['run', 'toy', '--systems', 'candidate'], { cwd: project, env });
    expect(server.requests).toHaveLength(1);
    expect(third.stdout).toContain('candidate: 10 of 10 answers came from the cache');
    expect(verdicts(project)).toEqual(first);
    expect((await runCli(['cache', 'stats'], { cwd: project, env })).stdout).toContain('.evals-cache: 10 cached responses');
  });

  it('a cache folder in the old layout (one file per answer) is read, aged by its files, counted, refreshed and cleared', async () => {
    const { server, env } = toy;
    server.setBrain(canvasBrain(TOY_TRIGGER_IDS));
    const project = copyFixtureProject('toy');
    const cacheDir = path.join(project, '.evals-cache');
    expect((await runCli(['run', 'toy', '--systems', 'candidate'], { cwd: project, env })).code).toBe(0);
    const first = verdicts(project);
    // What an older evals wrote for the same answers: <cache>/<ab>/<key>.json, the answer alone.
    const entries = readFileSync(packsOf(cacheDir)[0], 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { key: string; output: unknown });
    rmSync(path.join(cacheDir, 'packs'), { recursive: true });
    for (const { key, output } of entries) {
      mkdirSync(path.join(cacheDir, key.slice(0, 2)), { recursive: true });
      writeFileSync(path.join(cacheDir, key.slice(0, 2), `${key}.json`), JSON.stringify(output));
    }
    expect((await runCli(['cache', 'stats'], { cwd: project, env })).stdout).toContain('.evals-cache: 10 cached responses');

    server.requests.length = 0;
    const cached = await runCli(['run', 'toy', '--systems', 'candidate'], { cwd: project, env });
    expect(cached.code).toBe(0);
    expect(server.requests).toHaveLength(1);
    expect(cached.stdout).toContain('candidate: 10 of 10 answers came from the cache');
    expect(verdicts(project)).toEqual(first);

    // Two days pass; the model stops opening Canvas for three cases. A run that takes answers up to a
    // day old asks again, and its answers (in a pack) are newer than the old files: they are served next.
    const old = new Date(Date.now() - 2 * 86_400_000);
    for (const { key } of entries) utimesSync(path.join(cacheDir, key.slice(0, 2), `${key}.json`), old, old);
    server.setBrain(canvasBrain(TOY_TRIGGER_IDS.slice(3)));
    server.requests.length = 0;
    const aged = await runCli(['run', 'toy', '--systems', 'candidate', '--cache-max-age', '1d'], { cwd: project, env });
    expect(server.requests).toHaveLength(10);
    expect(aged.stdout).not.toContain('from the cache');
    const changed = verdicts(project);
    expect(changed.filter((v) => v.endsWith('fail'))).toEqual(['t01 fail', 't03 fail', 't05 fail']);
    server.requests.length = 0;
    const refreshed = await runCli(['run', 'toy', '--systems', 'candidate'], { cwd: project, env });
    expect(server.requests).toHaveLength(1);
    expect(refreshed.stdout).toContain('candidate: 10 of 10 answers came from the cache');
    expect(verdicts(project)).toEqual(changed);

    // Both layouts hold the ten keys: ten entries, and clear removes the folder with both.
    expect((await runCli(['cache', 'stats'], { cwd: project, env })).stdout).toContain('.evals-cache: 10 cached responses');
    const cleared = await runCli(['cache', 'clear'], { cwd: project, env });
    expect(cleared.stdout).toContain('.evals-cache: removed 10 cached responses');
    expect(readdirSync(project)).not.toContain('.evals-cache');
  });

  it('a torn old-layout file is not served either', async () => {
    const { server, env } = toy;
    server.setBrain(canvasBrain(TOY_TRIGGER_IDS));
    const project = copyFixtureProject('toy');
    const cacheDir = path.join(project, '.evals-cache');
    expect((await runCli(['run', 'toy', '--systems', 'candidate'], { cwd: project, env })).code).toBe(0);
    const entries = readFileSync(packsOf(cacheDir)[0], 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { key: string; output: unknown });
    rmSync(path.join(cacheDir, 'packs'), { recursive: true });
    entries.forEach(({ key, output }, i) => {
      mkdirSync(path.join(cacheDir, key.slice(0, 2)), { recursive: true });
      const text = JSON.stringify(output);
      writeFileSync(path.join(cacheDir, key.slice(0, 2), `${key}.json`), i === 4 ? text.slice(0, text.length >> 1) : text);
    });
    server.requests.length = 0;
    const run = await runCli(['run', 'toy', '--systems', 'candidate'], { cwd: project, env });
    expect(run.code).toBe(0);
    expect(server.requests).toHaveLength(2);
    expect(run.stdout).toContain('candidate: 9 of 10 answers came from the cache (--no-cache');
  });
});

describe('crashes and company', () => {
  it('kill -9 mid-run: every answer already got is in the cache, and --resume asks only for the rest', async () => {
    // Four answers come at once; the others hang until the run is killed.
    let answered = 0;
    const quick = canvasBrain(TOY_TRIGGER_IDS);
    const server = await startFakeModelServer((request) => ({ ...(quick(request) as object), delayMs: answered++ < 4 ? 0 : 10_000 }));
    try {
      const env = cleanEnv({ OPENAI_BASE_URL: server.openaiBaseUrl, OPENAI_API_KEY: 'sk-test' });
      const project = copyFixtureProject('toy');
      const killed = await runCli(['run', 'toy', '--systems', 'candidate', '--concurrency', '2'], {
        cwd: project,
        env,
        onSpawn: killAtResults(project, 4),
      });
      expect(killed.signal).toBe('SIGKILL');
      const got = results(project).map((r) => r.caseId);
      expect(got).toHaveLength(4);
      expect((await runCli(['cache', 'stats'], { cwd: project, env })).stdout).toContain('.evals-cache: 4 cached responses');

      server.setBrain(quick);
      server.requests.length = 0;
      const runId = readdirSync(path.join(project, 'reports', 'toy')).find((name) => /^\d{8}-/.test(name))!;
      const resumed = await runCli(['run', '--resume', runId], { cwd: project, env });
      expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
      const asked = server.requests.map(toyCaseId).sort();
      expect(asked).toHaveLength(6);
      for (const id of got) expect(asked).not.toContain(id);
      expect(
        results(project)
          .map((r) => r.caseId)
          .sort(),
      ).toEqual(['t01', 't02', 't03', 't04', 't05', 't06', 't07', 't08', 't09', 't10']);
    } finally {
      await server.close();
    }
  });

  it('a run killed while serving from the cache: --resume finishes it without asking the model again', async () => {
    let hang = false;
    const quick = canvasBrain(TOY_TRIGGER_IDS);
    const server = await startFakeModelServer((request) => ({ ...(quick(request) as object), delayMs: hang ? 10_000 : 0 }));
    try {
      const env = cleanEnv({ OPENAI_BASE_URL: server.openaiBaseUrl, OPENAI_API_KEY: 'sk-test' });
      const project = copyFixtureProject('toy');
      // The first five cases are cached; the next run serves them and waits on the five others.
      expect((await runCli(['run', 'toy', '--systems', 'candidate', '--limit', '5'], { cwd: project, env })).code).toBe(0);
      rmSync(path.join(project, 'reports'), { recursive: true });
      server.setBrain((request) => {
        const answer = { ...(quick(request) as object), delayMs: hang ? 10_000 : 0 };
        hang = true; // The probe is answered; the uncached cases hang.
        return answer;
      });
      const killed = await runCli(['run', 'toy', '--systems', 'candidate', '--concurrency', '3'], {
        cwd: project,
        env,
        onSpawn: killAtResults(project, 5),
      });
      expect(killed.signal).toBe('SIGKILL');
      const served = results(project);
      expect(served.every((r) => r.cached)).toBe(true);

      server.setBrain(quick);
      server.requests.length = 0;
      const runId = readdirSync(path.join(project, 'reports', 'toy')).find((name) => /^\d{8}-/.test(name))!;
      const resumed = await runCli(['run', '--resume', runId], { cwd: project, env });
      expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
      // Only the five never answered; whatever cached result the kill cut off is served again, not asked.
      expect(server.requests.map(toyCaseId).sort()).toEqual(['t06', 't07', 't08', 't09', 't10']);
      const all = results(project);
      expect(all.map((r) => r.caseId).sort()).toEqual(['t01', 't02', 't03', 't04', 't05', 't06', 't07', 't08', 't09', 't10']);
      expect(all.filter((r) => r.cached).map((r) => r.caseId)).toEqual(expect.arrayContaining(['t01', 't02', 't03', 't04', 't05']));
    } finally {
      await server.close();
    }
  });

  it('two runs at once on one cache folder: each writes its own pack, no entry spoilt, the next run is served all', async () => {
    const server = await startFakeModelServer(canvasBrain(TOY_TRIGGER_IDS, 20));
    try {
      const env = cleanEnv({ OPENAI_BASE_URL: server.openaiBaseUrl, OPENAI_API_KEY: 'sk-test' });
      const shared = path.join(makeTempDir('shared-cache'), 'cache');
      const [a, b, c] = [copyFixtureProject('toy'), copyFixtureProject('toy'), copyFixtureProject('toy')];
      const both = await Promise.all([a, b].map((project) => runCli(['run', 'toy', '--systems', 'candidate', '--cache-dir', shared], { cwd: project, env })));
      expect(both.map((r) => r.code)).toEqual([0, 0]);
      const packs = packsOf(shared);
      expect(packs.length).toBeGreaterThanOrEqual(1);
      expect(packs.length).toBeLessThanOrEqual(2);
      for (const pack of packs) {
        const text = readFileSync(pack, 'utf8');
        expect(text.endsWith('\n')).toBe(true);
        for (const line of text.split('\n').filter(Boolean)) expect(JSON.parse(line).key).toMatch(/^[0-9a-f]{64}$/);
      }
      expect((await runCli(['cache', 'stats', '--cache-dir', shared], { cwd: c, env })).stdout).toContain('10 cached responses');

      server.requests.length = 0;
      const third = await runCli(['run', 'toy', '--systems', 'candidate', '--cache-dir', shared], { cwd: c, env });
      expect(third.code).toBe(0);
      expect(server.requests).toHaveLength(1);
      expect(third.stdout).toContain('candidate: 10 of 10 answers came from the cache');
      expect(verdicts(c)).toEqual(verdicts(a));
    } finally {
      await server.close();
    }
  });
});
