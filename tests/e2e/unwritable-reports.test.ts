import { chmodSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, copyFixtureProject, runCli } from '../helpers/cli.js';

// A reports folder that cannot be written used to end in `internal error: ENOENT … mkdir`. Now it is
// exit 3 (the run could not be completed) with the path and the reason in plain words. Tests may run
// as root, for whom a read-only folder is writable: there the same test puts a file in the way instead,
// so every case runs everywhere.

const env = cleanEnv();
const asRoot = process.getuid?.() === 0;

function expectPlain(result: { code: number | null; stderr: string }, message: RegExp): void {
  expect(result.code, result.stderr).toBe(3);
  expect(result.stderr).toMatch(message);
  expect(result.stderr).not.toMatch(/internal error|ENOTDIR|EACCES|EEXIST|EISDIR|at .*\.js:\d+/);
}

describe('a reports folder that cannot be written is said in plain words, exit 3', () => {
  it('a file where the reports folder should be', async () => {
    const project = copyFixtureProject('toy');
    writeFileSync(path.join(project, 'reports'), 'not a folder');
    const result = await runCli(['run', 'toy', '--systems', 'current'], { cwd: project, env });
    expectPlain(result, /^evals: cannot create the folder reports\/toy\/\S+: a file is in the way: reports \(move it, or remove it if it is not yours\)$/m);
  });

  it(asRoot ? 'a file where the suite folder should be (as root, a read-only folder would not stop the write)' : 'a read-only reports folder', async () => {
    const project = copyFixtureProject('toy');
    mkdirSync(path.join(project, 'reports'));
    if (asRoot) writeFileSync(path.join(project, 'reports', 'toy'), 'not a folder');
    else chmodSync(path.join(project, 'reports'), 0o555);
    try {
      const result = await runCli(['run', 'toy', '--systems', 'current'], { cwd: project, env });
      expectPlain(result, asRoot ? /^evals: cannot create the folder reports\/toy\/\S+: a file is in the way: reports\/toy / : /^evals: cannot create the folder reports\/toy\S*: permission denied$/m);
    } finally {
      chmodSync(path.join(project, 'reports'), 0o755);
    }
  });

  it('a folder where a report file should be', async () => {
    const project = copyFixtureProject('toy');
    expect((await runCli(['run', 'toy', '--systems', 'current'], { cwd: project, env })).code).toBe(0);
    const suite = path.join(project, 'reports', 'toy');
    const runDir = path.join(
      suite,
      readdirSync(suite).find((n) => /^\d{8}-/.test(n))!,
    );
    rmSync(path.join(runDir, 'report.md'), { force: true });
    mkdirSync(path.join(runDir, 'report.md'));
    const result = await runCli(['report', runDir, '--format', 'md'], { cwd: project, env });
    expectPlain(result, new RegExp(`^evals: cannot write ${path.relative(project, runDir)}/report\\.md: a folder is in the way$`, 'm'));
  });
});
