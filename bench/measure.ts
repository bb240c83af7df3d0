import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const evalsBin = path.join(repoRoot, 'bin', 'evals.cjs');

export interface Measured {
  code: number | null;
  wallMs: number;
  /** Peak resident set size of the CLI process (VmHWM), in MB. */
  peakRssMb: number;
  stdout: string;
  stderr: string;
}

function readPeakRss(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /VmHWM:\s+(\d+) kB/.exec(status);
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Run the built CLI, sampling its peak RSS from /proc until it exits. Async so the in-process fake server keeps serving. */
export function measureCli(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    // Through the shebang, exactly as `npx evals` starts it (with its heap settings).
    const child = spawn(evalsBin, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let peak = 0;
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const sampler = setInterval(() => {
      const value = child.pid ? readPeakRss(child.pid) : undefined;
      if (value !== undefined) peak = Math.max(peak, value);
    }, 25);
    child.on('error', reject);
    child.on('exit', () => {
      // VmHWM is a high-water mark: the last sample before exit is the peak so far.
      const value = child.pid ? readPeakRss(child.pid) : undefined;
      if (value !== undefined) peak = Math.max(peak, value);
    });
    child.on('close', (code) => {
      clearInterval(sampler);
      resolve({ code, wallMs: Number(process.hrtime.bigint() - started) / 1e6, peakRssMb: peak, stdout, stderr });
    });
  });
}

export interface RunJson {
  runDir: string;
  durationMs: number;
  systems: Array<{ pass: number; fail: number; error: number; retries: number; results: number; cached: number }>;
}

/** `evals run --json` prints one summary per suite on stdout. */
export function runJson(measured: Measured): RunJson {
  try {
    return (JSON.parse(measured.stdout) as RunJson[])[0];
  } catch {
    throw new Error(`evals run did not print JSON (exit ${measured.code}):\n${measured.stderr.slice(-2000)}`);
  }
}
