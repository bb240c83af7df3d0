import { cpSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeModelServer, type FakeModelServer } from '../helpers/fake-model-server.js';
import { cleanEnv, copyFixtureProject, repoRoot, runCli } from '../helpers/cli.js';
import { canvasBrain, TOY_TRIGGER_IDS } from '../helpers/toy-brain.js';
import { makeTempDir } from '../helpers/temp-dir.js';

function onlyRunDir(project: string, suite: string): string {
  const runs = readdirSync(path.join(project, 'reports', suite)).filter((n) => /^\d{8}-/.test(n)); // run folders, not baseline.json or history.jsonl
  expect(runs).toHaveLength(1);
  return path.join(project, 'reports', suite, runs[0]);
}

function readJsonl(file: string): Array<Record<string, unknown>> {
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
}

describe('evals run: a first run', () => {
  let server: FakeModelServer;
  beforeAll(async () => {
    server = await startFakeModelServer(canvasBrain(TOY_TRIGGER_IDS));
  });
  afterAll(() => server.close());

  it('scores the recorded system with no keys, names the variable for each skipped system, and writes results', async () => {
    const project = copyFixtureProject('toy');
    const result = await runCli(['run', 'toy'], { cwd: project });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('toy: skipped system candidate: set OPENAI_API_KEY to run it');
    expect(result.stdout).toMatch(/current\s+│\s+column:current_behavior\s+│\s+9\s+│\s+1\s+│\s+0\s+│\s+90\.0%/);
    const runDir = onlyRunDir(project, 'toy');
    const results = readJsonl(path.join(runDir, 'results.jsonl'));
    expect(results).toHaveLength(10);
    expect(results.find((r) => r.caseId === 't09')?.status).toBe('fail');
    const summary = JSON.parse(readFileSync(path.join(runDir, 'summary.json'), 'utf8'));
    expect(summary.systems.find((s: { system: string }) => s.system === 'current')).toMatchObject({ pass: 9, fail: 1, error: 0 });
    expect(summary.systems.find((s: { system: string }) => s.system === 'candidate').skipped).toBe('set OPENAI_API_KEY to run it');
    expect(result.stderr + result.stdout).not.toMatch(/at .*\.js:\d+/);
  });

  it('sends the suite tools to an OpenAI-compatible server and scores each case from the tool calls it gets back', async () => {
    const project = copyFixtureProject('toy');
    server.requests.length = 0;
    const env = cleanEnv({ OPENAI_BASE_URL: server.openaiBaseUrl, OPENAI_API_KEY: 'sk-test-not-a-real-key' });
    const result = await runCli(['run', 'toy', '--systems', 'candidate', '--concurrency', '4'], { cwd: project, env });
    expect(result.code).toBe(0);
    expect(server.requests).toHaveLength(10);
    for (const request of server.requests) {
      expect(request.tools.map((t) => t.name)).toEqual(['canvas']);
      expect(request.system).toContain('Open the canvas tool');
    }
    const results = readJsonl(path.join(onlyRunDir(project, 'toy'), 'results.jsonl'));
    expect(results.every((r) => r.status === 'pass')).toBe(true);
    const t01 = results.find((r) => r.caseId === 't01') as { output: { toolCalls: unknown[] } };
    expect(t01.output.toolCalls).toEqual([{ name: 'canvas', arguments: { type: 'document', title: 't01' } }]);
    expect(readFileSync(path.join(onlyRunDir(project, 'toy'), 'results.jsonl'), 'utf8')).not.toContain('sk-test-not-a-real-key');
  });

  it('reads keys and endpoints from .env in the working directory; variables already set win', async () => {
    const project = copyFixtureProject('toy');
    writeFileSync(path.join(project, '.env'), `OPENAI_BASE_URL=${server.openaiBaseUrl}\nOPENAI_API_KEY=sk-from-dotenv\n`);
    server.requests.length = 0;
    const result = await runCli(['run', 'toy', '--systems', 'candidate'], { cwd: project });
    expect(result.code, result.stderr).toBe(0);
    expect(server.requests).toHaveLength(10);
    expect(String(server.requests[0].headers.authorization)).toBe('Bearer sk-from-dotenv');
    const overridden = await runCli(['run', 'toy', '--systems', 'candidate', '--no-cache'], { cwd: project, env: cleanEnv({ OPENAI_API_KEY: 'sk-from-env' }) });
    expect(overridden.code).toBe(0);
    expect(String(server.requests.at(-1)!.headers.authorization)).toBe('Bearer sk-from-env');
  });

  it('does the same through the Anthropic SDK with ANTHROPIC_BASE_URL', async () => {
    const project = copyFixtureProject('toy');
    server.requests.length = 0;
    const env = cleanEnv({ ANTHROPIC_BASE_URL: server.anthropicBaseUrl, ANTHROPIC_API_KEY: 'test-key' });
    const result = await runCli(['run', 'toy', '--systems', 'candidate', '--set', 'candidate.provider=anthropic:fake-claude'], { cwd: project, env });
    expect(result.code).toBe(0);
    expect(server.requests.map((r) => r.api)).toEqual(Array(10).fill('anthropic'));
    expect(server.requests[0].tools[0].name).toBe('canvas');
    const results = readJsonl(path.join(onlyRunDir(project, 'toy'), 'results.jsonl'));
    expect(results.filter((r) => r.status === 'pass')).toHaveLength(10);
  });

  it('runs the shipped canvas-trigger example with no keys and exits 0', async () => {
    const project = makeTempDir('example');
    for (const dir of ['suites', 'datasets', 'prompts', 'tools']) cpSync(path.join(repoRoot, dir), path.join(project, dir), { recursive: true });
    const result = await runCli(['run', 'canvas-trigger'], { cwd: project });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('skipped system prompted: set OPENAI_API_KEY to run it');
    expect(result.stderr).toContain('skipped system candidate: set ANTHROPIC_API_KEY to run it');
    const runDir = onlyRunDir(project, 'canvas-trigger');
    expect(existsSync(path.join(runDir, 'summary.json'))).toBe(true);
    expect(readJsonl(path.join(runDir, 'results.jsonl')).length).toBeGreaterThanOrEqual(40);
  });
});

describe('evals run: bad input exits 2 with file:row:column and no stack trace', () => {
  const cases: Array<[string, (project: string) => void, RegExp[]]> = [
    [
      'bad label',
      (p) => replaceInFile(p, 'datasets/toy.csv', 'What is the capital of Peru?,no', 'What is the capital of Peru?,yess'),
      [/datasets\/toy\.csv:3: column "should_trigger": "yess" is not yes\/no/],
    ],
    ['duplicate id', (p) => replaceInFile(p, 'datasets/toy.csv', 't04,', 't02,'), [/datasets\/toy\.csv:5: column "id": id "t02" is used by rows 3 and 5/]],
    ['ragged row', (p) => replaceInFile(p, 'datasets/toy.csv', 'thanks!,no', 'thanks!,no,extra'), [/datasets\/toy\.csv:5: row has 6 cells, the header has 5/]],
    ['missing input column', (p) => replaceInFile(p, 'datasets/toy.csv', 'id,input,', 'id,prompt,'), [/datasets\/toy\.csv:1: no "input" column/]],
    ['unknown suite key', (p) => replaceInFile(p, 'suites/toy.yaml', 'checks:', 'chekcs:'), [/suites\/toy\.yaml:\d+: unknown key "chekcs" \(did you mean "checks"\?\)/]],
    ['unknown check option', (p) => replaceInFile(p, 'suites/toy.yaml', 'expect:', 'expcet:'), [/suites\/toy\.yaml:\d+: checks\[0\]: .*"expcet" \(did you mean "expect"\?\)/]],
  ];

  for (const [name, breakIt, patterns] of cases) {
    it(name, async () => {
      const project = copyFixtureProject('toy');
      breakIt(project);
      const result = await runCli(['run', 'toy'], { cwd: project });
      expect(result.code).toBe(2);
      for (const pattern of patterns) expect(result.stderr).toMatch(pattern);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(path.join(project, 'reports'))).toBe(false);
    });
  }

  it('reports every problem in a file, not just the first', async () => {
    const project = copyFixtureProject('toy');
    replaceInFile(project, 'datasets/toy.csv', 'What is the capital of Peru?,no', 'What is the capital of Peru?,yess');
    replaceInFile(project, 'datasets/toy.csv', 'thanks!,no', 'thanks!,nope');
    const result = await runCli(['run', 'toy'], { cwd: project });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('datasets/toy.csv:3: column "should_trigger": "yess"');
    expect(result.stderr).toContain('datasets/toy.csv:5: column "should_trigger": "nope"');
  });
});

function replaceInFile(project: string, file: string, from: string, to: string): void {
  const full = path.join(project, file);
  const text = readFileSync(full, 'utf8');
  if (!text.includes(from)) throw new Error(`fixture edit: "${from}" not in ${file}`);
  writeFileSync(full, text.replace(from, to));
}
