import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCommand } from '../../src/cli/commands/run.js';
import type { CliIO } from '../../src/cli/io.js';
import { startFakeModelServer, type FakeModelServer } from '../helpers/fake-model-server.js';
import { answersAndJudges, comparedProject } from './compared-project.js';

// The judging `evals run` does once a suite's answers are in has a progress line, like `evals judge`:
// how many pairs are judged, and the rate limit the judge paces to. Before, the terminal showed
// nothing while the judge worked, however long that took under a provider's limit.
// In-process with an interactive io: the progress line is drawn only on a terminal.

let server: FakeModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function terminal(cwd: string, env: NodeJS.ProcessEnv): CliIO & { stderr: string[] } {
  const stderr: string[] = [];
  return { stderr, out: () => {}, err: (t) => stderr.push(t), interactive: true, colour: false, cwd, env };
}

async function drawnWhileRunning(project: string, env: NodeJS.ProcessEnv): Promise<{ code: number; drawn: string[] }> {
  const drawn: string[] = [];
  const write = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    drawn.push(String(chunk));
    return true;
  });
  try {
    const code = await runCommand(['compared'], { set: [], cache: false, concurrency: 20, gate: true }, terminal(project, env));
    return { code, drawn };
  } finally {
    write.mockRestore();
  }
}

describe('evals run: the judging after the run has a progress line', () => {
  it('counts the pairs judged, names the suite, and says when the judge paces to the provider’s limit', async () => {
    // 20 cases: the system's 20 requests, then 40 judge requests (both orders) against 20 a second.
    server = await startFakeModelServer(answersAndJudges(20), { rateLimit: { requestsPerSecond: 20 } });
    const { code, drawn } = await drawnWhileRunning(comparedProject('openai', 20), { OPENAI_BASE_URL: server.openaiBaseUrl, OPENAI_API_KEY: 'sk-test' });
    expect(code).toBe(0);
    const judging = drawn.filter((line) => line.includes('judging'));
    expect(judging[0]).toBe('\r\u001b[2Kcompared: judging 0/20');
    expect(judging.some((line) => /^\r\u001b\[2Kcompared: judging \d+\/20  rate limit: 20\/s$/.test(line))).toBe(true);
    // The last judging draw is the whole count and ends its line, so the tables start on a fresh one.
    expect(judging.at(-1)).toMatch(/^\r\u001b\[2Kcompared: judging 20\/20.*\n$/);
    // Counted in order: each draw says one more pair than the last (or the same, redrawn for pacing).
    const counts = judging.map((line) => Number(/judging (\d+)\//.exec(line)![1]));
    expect(counts.every((n, i) => i === 0 || n >= counts[i - 1])).toBe(true);
  });

  it('draws nothing for judging when the suite has no comparison', async () => {
    server = await startFakeModelServer(answersAndJudges(20));
    const project = comparedProject('openai', 3);
    const suite = path.join(project, 'suites', 'compared.yaml');
    writeFileSync(suite, readFileSync(suite, 'utf8').replace(/compare:\n.*\n/, ''));
    const { code, drawn } = await drawnWhileRunning(project, { OPENAI_BASE_URL: server.openaiBaseUrl, OPENAI_API_KEY: 'sk-test' });
    expect(code).toBe(0);
    expect(drawn.filter((line) => line.includes('judging'))).toEqual([]);
  });
});
