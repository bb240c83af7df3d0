import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyFixtureProject, runCli } from '../helpers/cli.js';
import { useToyModelServer } from '../helpers/toy-server.js';

// `evals cache prune`: the packs only grow (each `--no-cache` run, each answer asked again after a week
// appends a newer line), so a cache kept between CI runs needs a way to drop what is never served
// again — without losing what a still-running evals is writing, or anything a run would serve.

const DAY = 86_400_000;

const packNames = (cacheDir: string) => readdirSync(path.join(cacheDir, 'packs')).sort();
const packLines = (cacheDir: string, name: string) =>
  readFileSync(path.join(cacheDir, 'packs', name), 'utf8')
    .split('\n')
    .filter(Boolean);

describe('evals cache prune', () => {
  const toy = useToyModelServer();

  it('drops replaced, too old and torn lines, keeps every answer a run would serve, and leaves a running writer’s pack alone', async () => {
    const { server, env } = toy;
    const project = copyFixtureProject('toy');
    const cacheDir = path.join(project, '.evals-cache');
    const run = (...extra: string[]) => runCli(['run', 'toy', '--systems', 'candidate', ...extra], { cwd: project, env });

    expect((await run()).code).toBe(0);
    expect((await run('--no-cache')).code).toBe(0);
    const [first, second] = packNames(cacheDir);
    expect(packLines(cacheDir, first)).toHaveLength(10);
    const fresh = packLines(cacheDir, second);
    expect(fresh).toHaveLength(10);

    // An old pack from a writer long gone: two answers ten days old and a line cut short by a crash.
    const old = Date.now() - 10 * DAY;
    const oldLine = (key: string) => `{"key":"${key}","savedAt":${old},"output":{"text":"old"}}`;
    writeFileSync(path.join(cacheDir, 'packs', '0-999999999-deadbeef.jsonl'), `${oldLine('a'.repeat(64))}\n${oldLine('b'.repeat(64))}\n{"key":"${'c'.repeat(64)}","sav`);
    // An answer in the old one-file layout, ten days old.
    mkdirSync(path.join(cacheDir, 'dd'));
    const legacy = path.join(cacheDir, 'dd', `${'d'.repeat(64)}.json`);
    writeFileSync(legacy, '{"text":"older still"}');
    utimesSync(legacy, new Date(old), new Date(old));

    // A pack another evals is still writing (its pid is alive): a newer answer for one of the keys.
    const writer = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    try {
      const live = `${(Date.now() + 1).toString(36)}-${writer.pid}-cafebabe.jsonl`;
      const replaced = JSON.parse(fresh[0]) as { key: string; savedAt: number; output: unknown };
      writeFileSync(path.join(cacheDir, 'packs', live), `${JSON.stringify({ ...replaced, savedAt: replaced.savedAt + 1 })}\n`);

      const before = await runCli(['cache', 'stats'], { cwd: project, env });
      expect(before.stdout).toContain('.evals-cache: 13 cached responses');
      expect(before.stdout).toContain('11 older lines replaced by newer answers; 3 older than 7d (no longer served): `evals cache prune` removes them');

      const pruned = await runCli(['cache', 'prune'], { cwd: project, env });
      expect(pruned.code, pruned.stderr).toBe(0);
      expect(pruned.stdout).toMatch(/^\.evals-cache: removed 11 lines replaced by newer answers, 3 older than 7d, 1 unreadable; kept 9 cached responses, [\d.]+ MB → [\d.]+ MB$/m);
      expect(pruned.stdout).toContain(`left 1 pack as it is: written by evals still running (pid ${writer.pid})`);
      expect(existsSync(path.join(cacheDir, 'dd'))).toBe(false);

      // The running writer's pack untouched, the nine other newest answers in one new pack, byte for byte.
      const after = packNames(cacheDir);
      expect(after).toHaveLength(2);
      expect(after).toContain(live);
      const kept = packLines(
        cacheDir,
        after.find((name) => name !== live)!,
      );
      expect(kept.sort()).toEqual(fresh.slice(1).sort());

      const stats = await runCli(['cache', 'stats'], { cwd: project, env });
      expect(stats.stdout.trim()).toMatch(/^\.evals-cache: 10 cached responses, [\d.]+ MB$/);

      // A rerun is served wholly from the cache: only the probe reaches the model.
      server.requests.length = 0;
      const rerun = await run();
      expect(rerun.code).toBe(0);
      expect(server.requests).toHaveLength(1);
      expect(rerun.stdout).toContain('candidate: 10 of 10 answers came from the cache');
    } finally {
      writer.kill();
    }
    await new Promise((resolve) => writer.once('exit', resolve));

    // Its writer gone, that pack is pruned too: one pack with the ten answers.
    const again = await runCli(['cache', 'prune'], { cwd: project, env });
    expect(again.stdout).toMatch(/removed 0 lines replaced by newer answers, 0 older than 7d; kept 10 cached responses/);
    expect(again.stdout).not.toContain('left');
    expect(packNames(cacheDir)).toHaveLength(1);
  });

  it('--cache-max-age sets what counts as too old, as for run', async () => {
    const { env } = toy;
    const project = copyFixtureProject('toy');
    expect((await runCli(['run', 'toy', '--systems', 'candidate'], { cwd: project, env })).code).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const stats = await runCli(['cache', 'stats', '--cache-max-age', '0m'], { cwd: project, env });
    expect(stats.stdout).toContain('10 older than 0m (no longer served)');
    const pruned = await runCli(['cache', 'prune', '--cache-max-age', '0m'], { cwd: project, env });
    expect(pruned.stdout).toMatch(/removed 0 lines replaced by newer answers, 10 older than 0m; kept 0 cached responses/);
    expect(readdirSync(path.join(project, '.evals-cache', 'packs'))).toEqual([]);
    const bad = await runCli(['cache', 'prune', '--cache-max-age', 'soon'], { cwd: project, env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('expected an age like 30m, 12h or 7d');
  });
});
