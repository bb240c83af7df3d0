import { spawn } from 'node:child_process';
import { cpSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeTempDir } from './temp-dir.js';

// End-to-end tests run the built CLI exactly as a user types it, in a copy of a fixture project.
// The child is spawned asynchronously: the fake model server lives in the test process and must
// keep answering while the CLI runs.

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const evalsBin = path.join(repoRoot, 'bin', 'evals.cjs');

/** A suite's run folders under `project`'s reports/, oldest first (not baseline.json or history.jsonl). */
export function runFolders(project: string, suite: string): string[] {
  const dir = path.join(project, 'reports', suite);
  return readdirSync(dir)
    .filter((name) => /^\d{8}-/.test(name))
    .sort()
    .map((name) => path.join(dir, name));
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** A fresh copy of `tests/fixtures/projects/<name>` in a temp folder. */
export function copyFixtureProject(name: string): string {
  const dir = makeTempDir(name);
  cpSync(path.join(repoRoot, 'tests', 'fixtures', 'projects', name), dir, { recursive: true });
  return dir;
}

/**
 * Environment without real keys or CI hints, plus the given variables. TMPDIR is kept: it points at
 * the test run's own temp folder (tests/setup/temp-root.ts), so what the CLI writes there goes too.
 */
export function cleanEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: process.env.TMPDIR, NO_COLOR: '1' };
  for (const [key, value] of Object.entries(extra)) if (value !== undefined) env[key] = value;
  return env;
}

export function runCli(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; onSpawn?: (pid: number) => void }): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [evalsBin, ...args], { cwd: options.cwd, env: options.env ?? cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    if (child.pid) options.onSpawn?.(child.pid);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}
