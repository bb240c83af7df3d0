import { appendFileSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeModelServer, type FakeBrain, type FakeModelServer } from '../helpers/fake-model-server.js';
import { cleanEnv, copyFixtureProject, runCli } from '../helpers/cli.js';
import { verdict } from '../judge/judge-brains.js';

// The cases a champion has no answer for (added to the sheet since its promotion, or their question
// edited since) cannot be judged against it. The terminal says so; report.md and report.html must say
// it too, with the counts and the case ids, or a reader sees a win rate over fewer cases and no word
// why. So must `evals report` later, from what the run folder kept. Before any promotion the reports
// say there is no champion yet.

const SUITE = `name: toy
dataset: datasets/toy.csv
labels: [should_trigger]
systems:
  candidate: { provider: "openai:fake-candidate", prompt: prompts/system.md, tools: tools/canvas.json, temperature: 0 }
checks:
  - { type: tool-called, tool: canvas, expect: "{{should_trigger}}" }
compare:
  - { a: candidate, b: champion, judge: "openai:fake-judge" }
`;

/** The candidate always answers the same; the judge prefers whatever it is shown first. */
const brain: FakeBrain = (request) => (request.model === 'fake-judge' ? verdict('A', 'First is better.') : { text: 'ok', toolCalls: [] });

/** Eleven cases added after the promotion: one more than the reports list by id. */
const ADDED = Array.from({ length: 11 }, (_, i) => `t${11 + i}`);

function latestRun(dir: string): string {
  const runs = readdirSync(path.join(dir, 'reports', 'toy'))
    .filter((n) => /^\d{8}-/.test(n))
    .sort();
  return runs[runs.length - 1];
}

const read = (dir: string, runId: string, file: string) => readFileSync(path.join(dir, 'reports', 'toy', runId, file), 'utf8');

/** report.md as a reader sees it rendered: its backslash escapes (of parentheses, backticks…) dropped. */
const readMarkdown = (dir: string, runId: string) => read(dir, runId, 'report.md').replace(/\\([\\`*_[\]()|~$!#@])/g, '$1');

describe('reports name the cases not in the champion', () => {
  let server: FakeModelServer;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    server = await startFakeModelServer(brain);
    env = cleanEnv({ OPENAI_BASE_URL: server.openaiBaseUrl, OPENAI_API_KEY: 'sk-test' });
  });
  afterAll(() => server.close());

  it('no champion yet, then added and changed cases: report.md, report.html and evals report say which and how many', async () => {
    const dir = copyFixtureProject('toy');
    writeFileSync(path.join(dir, 'suites', 'toy.yaml'), SUITE);

    // First run: nothing promoted yet.
    const first = await runCli(['run', 'toy', '--no-cache', '--reporter', 'md,html'], { cwd: dir, env });
    expect(first.code, first.stdout + first.stderr).toBe(0);
    const firstId = latestRun(dir);
    const noChampion = 'candidate vs champion: not judged: no champion yet (reports/toy/champion.jsonl)';
    expect(first.stdout).toContain(noChampion);
    expect(readMarkdown(dir, firstId)).toContain(noChampion);
    expect(read(dir, firstId, 'report.html')).toContain(noChampion);

    const promoted = await runCli(['promote', firstId, '--system', 'candidate'], { cwd: dir, env });
    expect(promoted.code, promoted.stderr).toBe(0);

    // Since the promotion: eleven cases added (the sheet ends its rows with CRLF), and t03's question edited.
    const sheet = path.join(dir, 'datasets', 'toy.csv');
    writeFileSync(sheet, readFileSync(sheet, 'utf8').replace('Draft a cover letter for a data analyst job', 'Draft a cover letter for a nurse job'));
    appendFileSync(sheet, ADDED.map((id) => `${id},Question number ${id}?,no,Answer.,question\r\n`).join(''));

    const second = await runCli(['run', 'toy', '--no-cache', '--reporter', 'md,html'], { cwd: dir, env });
    expect(second.code, second.stdout + second.stderr).toBe(0);
    const secondId = latestRun(dir);
    const missing = `candidate vs champion: 12 cases not in champion (added since its promotion: ${ADDED.slice(0, 10).join(', ')}, … (1 more); changed since: t03): not judged, neither losses nor ties`;
    expect(second.stdout).toContain(missing);

    const markdown = readMarkdown(dir, secondId);
    expect(markdown).toContain(missing);
    // The win rate beside it is over the 9 cases the champion did answer.
    expect(markdown).toMatch(/\| candidate vs champion \| llm:openai:fake-judge \| 9 \|/);
    expect(markdown).not.toContain('t21');
    expect(markdown).not.toContain('no champion yet');
    const html = read(dir, secondId, 'report.html');
    expect(html).toContain(missing);

    // Later, from the run folder alone: even after another promotion, the run's own champion counts.
    expect((await runCli(['promote', secondId, '--system', 'candidate'], { cwd: dir, env })).code).toBe(0);
    rmSync(path.join(dir, 'reports', 'toy', secondId, 'report.md'));
    rmSync(path.join(dir, 'reports', 'toy', secondId, 'report.html'));
    const again = await runCli(['report', secondId, '--format', 'md'], { cwd: dir, env });
    expect(again.code, again.stderr).toBe(0);
    expect(readMarkdown(dir, secondId)).toContain(missing);
    const againHtml = await runCli(['report', secondId, '--format', 'html'], { cwd: dir, env });
    expect(againHtml.code, againHtml.stderr).toBe(0);
    expect(read(dir, secondId, 'report.html')).toContain(missing);

    // The first run still says it had no champion, whatever was promoted since.
    expect((await runCli(['report', firstId, '--format', 'md'], { cwd: dir, env })).code).toBe(0);
    expect(readMarkdown(dir, firstId)).toContain(noChampion);
  }, 180_000);
});
