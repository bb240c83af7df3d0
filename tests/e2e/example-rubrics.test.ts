import { cpSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, repoRoot, runCli } from '../helpers/cli.js';
import { startFakeModelServer, type FakeModelServer, type FakeRequest } from '../helpers/fake-model-server.js';
import { makeTempDir } from '../helpers/temp-dir.js';

// The shipped canvas-edit and canvas-comments suites carry a rubric check. Without the grader's key
// the rubric is left out of the run (like a system or judge without its key), said in the terminal,
// report.md and again by `evals report`, and never counted as a pass or an error. With a key the fake
// model server grades: planted here as "pass when the user's request mentions a paragraph".

interface EditRow {
  id: string;
  input: string;
}

const editRows = Papa.parse<EditRow>(readFileSync(path.join(repoRoot, 'datasets', 'canvas-edit.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;

function project(): string {
  const dir = makeTempDir('example-rubrics');
  for (const sub of ['suites', 'datasets', 'prompts', 'tools', 'reports']) cpSync(path.join(repoRoot, sub), path.join(dir, sub), { recursive: true });
  return dir;
}

function latestRun(dir: string, suite: string): string {
  const runs = readdirSync(path.join(dir, 'reports', suite)).filter((name) => /^\d{8}-/.test(name));
  return path.join(dir, 'reports', suite, runs.sort().at(-1)!);
}

interface Result {
  caseId: string;
  status: string;
  checks: Array<{ spec: { type: string }; pass: boolean; reason: string }>;
}

const results = (runDir: string): Result[] =>
  readFileSync(path.join(runDir, 'results.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Result);

function grader(request: FakeRequest) {
  if (request.tools[0]?.name !== 'record_grade') return { text: 'not a grader request' };
  const prompt = request.messages.map((m) => m.content).join('\n');
  return { toolCalls: [{ name: 'record_grade', arguments: { reasoning: 'planted', pass: /paragraph/i.test(prompt.split('The ideal edit:')[0]) } }] };
}

describe('the example suites’ rubric checks', () => {
  let server: FakeModelServer;
  beforeAll(async () => {
    server = await startFakeModelServer(grader);
  });
  afterAll(() => server.close());

  it('without OPENAI_API_KEY the rubric is left out, said on screen, in report.md and by evals report; nothing errors', async () => {
    const dir = project();
    const run = await runCli(['run', 'canvas-edit', '--reporter', 'md'], { cwd: dir, env: cleanEnv() });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const note = 'rubric edit-quality was not graded: set OPENAI_API_KEY to call its grader openai:gpt-4o';
    expect(run.stdout).toContain(note);
    const runDir = latestRun(dir, 'canvas-edit');
    const recorded = results(runDir);
    expect(recorded).toHaveLength(editRows.length);
    expect(recorded.filter((r) => r.status === 'error')).toEqual([]);
    expect(recorded.flatMap((r) => r.checks).filter((c) => c.spec.type === 'rubric')).toEqual([]);
    expect(readFileSync(path.join(runDir, 'report.md'), 'utf8')).toContain('rubric edit-quality was not graded: set OPENAI\\_API\\_KEY to call its grader');
    const again = await runCli(['report', runDir, '--format', 'md'], { cwd: dir, env: cleanEnv() });
    expect(again.code, again.stderr).toBe(0);
    expect(readFileSync(path.join(runDir, 'report.md'), 'utf8')).toContain('rubric edit-quality was not graded: set OPENAI\\_API\\_KEY to call its grader');
  });

  it('with a key the grader grades every recorded edit, and the verdicts are the planted ones', async () => {
    const dir = project();
    server.resetCounts();
    const env = cleanEnv({ OPENAI_BASE_URL: server.openaiBaseUrl, OPENAI_API_KEY: 'sk-test' });
    const run = await runCli(['run', 'canvas-edit', '--systems', 'current'], { cwd: dir, env });
    expect(run.stdout).not.toContain('was not graded');
    expect(server.requests.filter((r) => r.tools[0]?.name === 'record_grade')).toHaveLength(editRows.length);
    // results.jsonl is in the order answers came back: compare by case.
    const byId = (a: [string, unknown], b: [string, unknown]) => a[0].localeCompare(b[0]);
    const rubric = results(latestRun(dir, 'canvas-edit')).map((r): [string, unknown] => [r.caseId, r.checks.find((c) => c.spec.type === 'rubric')?.pass]);
    expect(rubric.sort(byId)).toEqual(editRows.map((row): [string, unknown] => [row.id, /paragraph/i.test(row.input)]).sort(byId));
    expect(run.stdout).toContain('current: rubric edit-quality: grader not calibrated');
  });

  it('canvas-comments keeps its pairwise comparison and gains the rubric beside it', () => {
    const suite = readFileSync(path.join(repoRoot, 'suites', 'canvas-comments.yaml'), 'utf8');
    expect(suite).toMatch(/compare:\n\s+- \{ a: latest, b: previous, judge: "openai:gpt-4o"/);
    expect(suite).toMatch(/type: rubric\n\s+name: quotes-and-says-what-to-change/);
  });
});
