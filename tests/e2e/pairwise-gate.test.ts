import { cpSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeModelServer, type FakeModelServer } from '../helpers/fake-model-server.js';
import { cleanEnv, repoRoot, runCli } from '../helpers/cli.js';
import { prefersFirst, prefersLonger } from '../judge/judge-brains.js';
import { makeTempDir } from '../helpers/temp-dir.js';

// The shipped pairwise example (canvas-comments: latest vs previous, min_win_rate 0.5) with the
// fake server as its LLM judge: the gate must see win rates and judge failures, at run time and
// when a stored run is re-reported.

function exampleProject(): string {
  const dir = makeTempDir('pairwise');
  for (const sub of ['suites', 'datasets', 'prompts', 'tools']) cpSync(path.join(repoRoot, sub), path.join(dir, sub), { recursive: true });
  return dir;
}

function latestRun(project: string, suite: string): string {
  const dir = path.join(project, 'reports', suite);
  return path.join(
    dir,
    readdirSync(dir)
      .filter((n) => /^\d{8}-/.test(n)) // run folders, not baseline.json or history.jsonl
      .sort()
      .pop()!,
  );
}

describe('pairwise comparisons in the gate', () => {
  let server: FakeModelServer;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    server = await startFakeModelServer(prefersFirst);
    env = cleanEnv({ OPENAI_BASE_URL: server.openaiBaseUrl, OPENAI_API_KEY: 'sk-test' });
  });
  afterAll(() => server.close());

  it('a position-biased judge gives no false win: the min_win_rate gate fails and says so, at run time and in evals report', async () => {
    server.setBrain(prefersFirst);
    const project = exampleProject();
    const run = await runCli(['run', 'canvas-comments', '--no-cache', '--reporter', 'md'], { cwd: project, env });
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toMatch(/gate failed: canvas-comments: latest vs previous: win rate 50\.0%, but its 95% lower bound \d+\.\d% is below the minimum 50\.0%/);
    const runDir = latestRun(project, 'canvas-comments');
    expect(readFileSync(path.join(runDir, 'report.md'), 'utf8')).toMatch(/^## ❌ gate failed/);
    const again = await runCli(['report', path.basename(runDir), '--format', 'md'], { cwd: project, env });
    expect(again.code).toBe(0);
    expect(readFileSync(path.join(runDir, 'report.md'), 'utf8')).toMatch(/^## ❌ gate failed/);
    expect(readFileSync(path.join(project, 'reports', 'summary.md'), 'utf8')).toContain('canvas-comments');
  });

  it('a judge that is down fails the run (exit 3) instead of passing it', async () => {
    server.setBrain(() => ({ status: 500 }));
    const project = exampleProject();
    const run = await runCli(['run', 'canvas-comments', '--no-cache', '--max-retries', '0'], { cwd: project, env });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('the judge of latest vs previous errored on 26 of 26 pairs');
    expect(run.stdout).toContain('gate failed: canvas-comments: latest vs previous: the judge (llm:openai:gpt-4o) errored on 26 of 26 pairs');
  });

  it('a judge that prefers the longer, more specific comments gives latest a clear win and passes', async () => {
    server.setBrain(prefersLonger);
    const project = exampleProject();
    const run = await runCli(['run', 'canvas-comments', '--no-cache'], { cwd: project, env });
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toContain('gate passed');
  });

  it('editing a recorded output does not flag the case as a changed question', async () => {
    const project = exampleProject();
    const noKeys = cleanEnv();
    expect((await runCli(['run', 'canvas-trigger', '--update-baseline'], { cwd: project, env: noKeys })).code).toBe(0);
    const csv = path.join(project, 'datasets', 'canvas-trigger.csv');
    writeFileSync(csv, readFileSync(csv, 'utf8').replace('Opened a document with a full draft', 'Opened a document with a complete draft'));
    const run = await runCli(['run', 'canvas-trigger'], { cwd: project, env: noKeys });
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('changed in the dataset');
  });

  it('--set applies to the suites that have the system when running --all', async () => {
    const project = exampleProject();
    const run = await runCli(['run', '--all', '--systems', 'current', '--set', 'candidate.temperature=0.5'], { cwd: project, env });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('canvas-comments: not run: it has none of the systems current');
  });
});
