import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, copyFixtureProject, repoRoot, runCli } from '../helpers/cli.js';
import { startFakeModelServer, type FakeModelServer } from '../helpers/fake-model-server.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { canvasBrain, TOY_TRIGGER_IDS } from '../helpers/toy-brain.js';

// bin/evals.cjs loads the bundle's chunks through V8's code cache (src/launch/load-bundle.cts): the
// first process of a command writes what it compiled, later ones start from it. A cache is only ever
// a saving: a refused, corrupt or unwritable one must leave every command's output as it was.

const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'dist', 'bundle', 'manifest.json'), 'utf8')) as { build: string };
const buildFolder = (root: string) => readdirSync(root).filter((name) => name.startsWith(`${manifest.build}-v8-`));

/** Every cache file under `root`, relative, with its bytes. */
function cacheFiles(root: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  if (!existsSync(root)) return files;
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files.set(path.relative(root, path.join(entry.parentPath, entry.name)), readFileSync(path.join(entry.parentPath, entry.name)));
  }
  return files;
}

const LONG_AGO = new Date('2020-01-01T00:00:00Z');

describe('the code cache of the CLI bundle', () => {
  let server: FakeModelServer;
  beforeAll(async () => {
    server = await startFakeModelServer(canvasBrain(TOY_TRIGGER_IDS));
  });
  afterAll(() => server.close());

  const env = (cacheRoot: string) => cleanEnv({ OPENAI_BASE_URL: server.openaiBaseUrl, OPENAI_API_KEY: 'sk-test', EVALS_CODE_CACHE: cacheRoot });
  const run = (project: string, cacheRoot: string) => runCli(['run', 'toy', '--systems', 'candidate', '--no-cache', '--json'], { cwd: project, env: env(cacheRoot) });
  const passRates = (stdout: string) =>
    (JSON.parse(stdout) as Array<{ systems: Array<{ system: string; passRate: number; results: number }> }>)[0].systems.map(({ system, passRate, results }) => ({ system, passRate, results }));

  it('is written by the first run of a command and used, not rewritten, by the next', async () => {
    const root = makeTempDir('code-cache');
    const project = copyFixtureProject('toy');
    const first = await run(project, root);
    expect(first.code, first.stderr).toBe(0);
    const written = cacheFiles(root);
    expect([...written.keys()].filter((file) => file.endsWith(path.join('run', 'main.cjs.v8')))).toHaveLength(1);
    // The run command's chunk and the OpenAI provider's were compiled before its first answer.
    expect([...written.keys()].filter((file) => /[\\/]run[\\/]openai-[A-Z0-9]+\.cjs\.v8$/.test(file))).toHaveLength(1);
    // And what runs after the answers, loaded after the run tightened V8's heap at its first answer:
    // cached at exit, under the flags it was loaded with, so the next run (same flags there) takes it.
    expect([...written.keys()].filter((file) => /[\\/]run[\\/]after-run-[A-Z0-9]+\.cjs\.v8$/.test(file))).toHaveLength(1);
    expect(buildFolder(root)).toHaveLength(1);

    // A cache V8 refused would be written again: an old date that stays means every one was taken.
    for (const file of written.keys()) utimesSync(path.join(root, file), LONG_AGO, LONG_AGO);
    const second = await run(project, root);
    expect(second.code, second.stderr).toBe(0);
    expect(passRates(second.stdout)).toEqual(passRates(first.stdout));
    for (const file of written.keys()) expect(statSync(path.join(root, file)).mtime, file).toEqual(LONG_AGO);
    expect(cacheFiles(root)).toEqual(written);
  });

  it('keeps each command apart: --version compiles a sliver of what run does', async () => {
    const root = makeTempDir('code-cache');
    const version = await runCli(['--version'], { cwd: makeTempDir('version'), env: env(root) });
    expect(version.code, version.stderr).toBe(0);
    const validate = await runCli(['validate', 'toy'], { cwd: copyFixtureProject('toy'), env: env(root) });
    expect(validate.code, validate.stderr).toBe(0);
    const [folder] = buildFolder(root);
    expect(readdirSync(path.join(root, folder)).sort()).toEqual(['other', 'validate']);
    // validate changes a V8 flag as it starts (heap.ts); its cache was written before, or V8 would refuse it.
    const files = cacheFiles(path.join(root, folder, 'validate'));
    for (const file of files.keys()) utimesSync(path.join(root, folder, 'validate', file), LONG_AGO, LONG_AGO);
    const again = await runCli(['validate', 'toy'], { cwd: copyFixtureProject('toy'), env: env(root) });
    expect(again.stdout).toBe(validate.stdout);
    for (const file of files.keys()) expect(statSync(path.join(root, folder, 'validate', file)).mtime, file).toEqual(LONG_AGO);
  });

  it('a corrupt cache is refused by V8 and written anew, the run unchanged', async () => {
    const root = makeTempDir('code-cache');
    const project = copyFixtureProject('toy');
    const first = await run(project, root);
    expect(first.code, first.stderr).toBe(0);
    const written = cacheFiles(root);
    for (const [file, bytes] of written) writeFileSync(path.join(root, file), Buffer.alloc(bytes.length, 7));
    const second = await run(project, root);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).not.toMatch(/error|warning/i);
    expect(passRates(second.stdout)).toEqual(passRates(first.stdout));
    for (const file of written.keys())
      expect(
        readFileSync(path.join(root, file)).every((byte) => byte === 7),
        file,
      ).toBe(false);
  });

  it("removes other builds' caches and runs when the folder cannot be written", async () => {
    const root = makeTempDir('code-cache');
    const stale = path.join(root, '0123456789abcdef-v8-1.0-x64', 'run');
    mkdirSync(stale, { recursive: true });
    writeFileSync(path.join(stale, 'main.cjs.v8'), 'old');
    // EVALS_CODE_CACHE may name a folder that holds other things: those are left alone.
    mkdirSync(path.join(root, 'someone-elses'));
    writeFileSync(path.join(root, 'someone-elses', 'keep.txt'), 'mine');
    writeFileSync(path.join(root, 'notes.txt'), 'mine too');
    const result = await run(copyFixtureProject('toy'), root);
    expect(result.code, result.stderr).toBe(0);
    expect(readdirSync(root).sort()).toEqual([...buildFolder(root), 'notes.txt', 'someone-elses'].sort());
    expect(readFileSync(path.join(root, 'someone-elses', 'keep.txt'), 'utf8')).toBe('mine');

    // A file where the folder should be: nothing can be written under it.
    const blocked = path.join(makeTempDir('code-cache'), 'a-file');
    writeFileSync(blocked, 'not a folder');
    const blockedRun = await run(copyFixtureProject('toy'), blocked);
    expect(blockedRun.code, blockedRun.stderr).toBe(0);
    expect(blockedRun.stderr).not.toMatch(/ENOTDIR|EEXIST|cache/i);
    expect(passRates(blockedRun.stdout)).toEqual(passRates(result.stdout));
  });

  it('EVALS_CODE_CACHE=off keeps none', async () => {
    const cwd = copyFixtureProject('toy');
    const result = await runCli(['run', 'toy', '--systems', 'candidate', '--no-cache', '--json'], {
      cwd,
      env: cleanEnv({
        OPENAI_BASE_URL: server.openaiBaseUrl,
        OPENAI_API_KEY: 'sk-test',
        EVALS_CODE_CACHE: 'off',
        NODE_OPTIONS: `--require ${path.join(repoRoot, 'tests', 'fixtures', 'start-up', 'files-read.cjs')}`,
        FILES_READ_REPORT: path.join(cwd, 'read.json'),
      }),
    });
    expect(result.code, result.stderr).toBe(0);
    const read = JSON.parse(readFileSync(path.join(cwd, 'read.json'), 'utf8')) as string[];
    expect(read.some((file) => file.endsWith('main.cjs'))).toBe(true); // the report is of this process
    expect(read.filter((file) => file.endsWith('.v8'))).toEqual([]);
  });
});
