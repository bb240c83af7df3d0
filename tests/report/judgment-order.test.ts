import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeModelServer, type FakeModelServer } from '../helpers/fake-model-server.js';
import { cleanEnv, copyFixtureProject, runCli } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { gradesRubrics, responses, verdict } from '../judge/judge-brains.js';

// judgments.jsonl is appended in the order judgments finish, which changes from one judging session
// to the next. A run is judged through the fake model server (three systems, three comparisons, two
// repeats), its reports, terminal table and preference split are written, then judgments.jsonl's
// lines are put in another order and everything is written again: every file must be the same.

const SUITE = 'order';
// Not in code-point order, and one id above U+FFFF: JavaScript's `<` would put it before U+FF21.
const CASES = ['zeta', 'alpha', 'Mid', '\u{1F600}-smile', '\uFF21-wide', 'beta'];

function project(): string {
  const root = makeTempDir('judgment-order');
  mkdirSync(path.join(root, 'suites'));
  mkdirSync(path.join(root, 'datasets'));
  writeFileSync(
    path.join(root, 'suites', `${SUITE}.yaml`),
    [
      `name: ${SUITE}`,
      `dataset: datasets/${SUITE}.csv`,
      'systems:',
      '  terse: { provider: "column:terse" }',
      '  plain: { provider: "column:plain" }',
      '  wordy: { provider: "column:wordy" }',
      'checks:',
      '  - { type: not-contains, value: "As an AI" }',
      'repeat: 2',
      // Neither alphabetical nor the order judging finishes in.
      'compare:',
      '  - { a: wordy, b: plain, judge: "openai:gpt-4o" }',
      '  - { a: terse, b: wordy, judge: "openai:gpt-4o" }',
      '  - { a: plain, b: terse, judge: "openai:gpt-4o" }',
      '',
    ].join('\n'),
  );
  const rows = CASES.map((id, i) => [id, `question ${id}`, `${id} short`, `${id} ${'plain '.repeat(2 + (i % 3))}`.trim(), `${id} ${'wordy '.repeat(8 - i)}`.trim()].join(','));
  writeFileSync(path.join(root, 'datasets', `${SUITE}.csv`), ['id,input,terse,plain,wordy', ...rows, ''].join('\n'));
  return root;
}

/** Every file a run's judgments feed, as bytes (xlsx as its cells' values, read back with exceljs). */
async function outputsOf(root: string, runDir: string, env: NodeJS.ProcessEnv): Promise<Record<string, string>> {
  const report = await runCli(['report', runDir, '--format', 'md,html,csv,xlsx'], { cwd: root, env });
  expect(report.code, report.stderr).toBe(0);
  const judge = await runCli(['judge', runDir], { cwd: root, env });
  expect(judge.code, judge.stderr).toBe(0);
  const exported = await runCli(['export', runDir, '--format', 'openai-preference', '--split', '0.5', '--seed', '3', '--out', 'split'], { cwd: root, env });
  expect(exported.code, exported.stderr).toBe(0);
  const files: Record<string, string> = { terminal: judge.stdout };
  for (const name of ['report.md', 'report.html', 'results.csv']) files[name] = readFileSync(path.join(runDir, name), 'utf8');
  for (const name of readdirSync(path.join(root, 'split')).sort()) files[name] = readFileSync(path.join(root, 'split', name), 'utf8');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path.join(runDir, 'results.xlsx'));
  const cells: string[] = [];
  workbook.eachSheet((sheet) => sheet.eachRow((row, r) => row.eachCell({ includeEmpty: true }, (cell, c) => cells.push(`${sheet.name}!${r}:${c}=${JSON.stringify(cell.value)}`))));
  files['results.xlsx'] = cells.join('\n');
  return files;
}

describe('reports and exports of a judged run', () => {
  let server: FakeModelServer;
  let calls = 0;
  beforeAll(async () => {
    // The longer response wins; each answer's reasoning is numbered, so every verdict's text is its own
    // and two repeats' verdicts in one cell show which came first.
    server = await startFakeModelServer(
      gradesRubrics((request) => {
        const { a, b } = responses(request);
        calls += 1;
        return verdict(a.length >= b.length ? 'A' : 'B', `answer ${calls}: the longer one`);
      }),
    );
  });
  afterAll(() => server.close());

  it('are the same whatever order judgments.jsonl holds the judgments in', async () => {
    const root = project();
    const env = cleanEnv({ OPENAI_BASE_URL: server.openaiBaseUrl, OPENAI_API_KEY: 'sk-test' });
    const run = await runCli(['run', SUITE, '--no-cache'], { cwd: root, env });
    expect([0, 1], run.stderr).toContain(run.code);
    const suiteDir = path.join(root, 'reports', SUITE);
    const runDir = path.join(
      suiteDir,
      readdirSync(suiteDir).find((name) => /^\d{8}-/.test(name))!,
    );
    const judgmentsFile = path.join(runDir, 'judgments.jsonl');
    const lines = readFileSync(judgmentsFile, 'utf8').split('\n').filter(Boolean);
    expect(lines).toHaveLength(3 * CASES.length * 2);

    const before = await outputsOf(root, runDir, env);
    // The reading order, seen in the files: comparisons as compare: lists them, cases by code point.
    expect(before.terminal.indexOf('wordy vs plain')).toBeLessThan(before.terminal.indexOf('terse vs wordy'));
    expect(before.terminal.indexOf('terse vs wordy')).toBeLessThan(before.terminal.indexOf('plain vs terse'));
    const header = before['results.csv'].split('\n')[0];
    expect(header.indexOf('wordy_vs_plain_llm_verdict')).toBeLessThan(header.indexOf('terse_vs_wordy_llm_verdict'));
    expect(header.indexOf('terse_vs_wordy_llm_verdict')).toBeLessThan(header.indexOf('plain_vs_terse_llm_verdict'));

    // Reversed, then interleaved: two orders judging could have finished in.
    const reordered = [[...lines].reverse(), [...lines.filter((_, i) => i % 2 === 1), ...lines.filter((_, i) => i % 2 === 0)]];
    for (const order of reordered) {
      writeFileSync(judgmentsFile, order.map((line) => line + '\n').join(''));
      const after = await outputsOf(root, runDir, env);
      expect(Object.keys(after)).toEqual(Object.keys(before));
      expect(Object.keys(before).filter((name) => after[name] !== before[name])).toEqual([]);
    }
  });
});

describe('evals winrate', () => {
  it('lists comparisons no suite names by name, the same whatever order the file holds the rows in', async () => {
    const root = makeTempDir('winrate-order');
    // Arena-style rows: the systems named either way round, three of them, so ratings are fitted too.
    const systems = ['mistral', 'gpt', 'claude'];
    const rows: string[] = [];
    for (let i = 0; i < 12; i++) {
      const [x, y] = [systems[i % 3], systems[(i + 1) % 3]];
      const [a, b] = i % 2 ? [x, y] : [y, x];
      rows.push([`case-${i % 5}`, a, b, i % 4 === 0 ? 'tie' : i % 3 === 0 ? 'model_b' : 'model_a'].join(','));
    }
    const write = (name: string, lines: string[]) => writeFileSync(path.join(root, name), ['case_id,model_a,model_b,winner', ...lines, ''].join('\n'));
    write('forward.csv', rows);
    write('reversed.csv', [...rows].reverse());
    const forward = await runCli(['winrate', 'forward.csv', '--json'], { cwd: root });
    const reversed = await runCli(['winrate', 'reversed.csv', '--json'], { cwd: root });
    expect(forward.code, forward.stderr).toBe(0);
    expect(reversed.code, reversed.stderr).toBe(0);
    expect(reversed.stdout).toBe(forward.stdout);
    const summary = JSON.parse(forward.stdout) as { comparisons: Array<{ a: string; b: string }> };
    expect(summary.comparisons.map((c) => [c.a, c.b].sort().join(' vs '))).toEqual(['claude vs gpt', 'claude vs mistral', 'gpt vs mistral']);
  });
});

describe('evals promote', () => {
  // Two judges of one pair disagree completely; the lineage records the first in compare: order.
  const suite = `name: toy
dataset: datasets/toy.csv
labels: [should_trigger]
systems:
  prompted: { provider: "openai:fake-prompted", prompt: prompts/system.md, tools: tools/canvas.json, temperature: 0 }
  candidate: { provider: "openai:fake-candidate", prompt: prompts/system.md, tools: tools/canvas.json, temperature: 0 }
checks:
  - { type: tool-called, tool: canvas, expect: "{{should_trigger}}" }
compare:
  - { a: candidate, b: prompted, judge: "openai:judge-z" }
  - { a: candidate, b: prompted, judge: "openai:judge-a" }
gate: { max_regressions: null }
`;
  let server: FakeModelServer;
  beforeAll(async () => {
    server = await startFakeModelServer((request) => {
      if (!request.model.startsWith('judge-')) return { text: `[${request.model}] ok` };
      const { a } = responses(request);
      const candidateShownFirst = a.includes('fake-candidate');
      // judge-z prefers the candidate, judge-a the prompted system.
      return verdict(candidateShownFirst === (request.model === 'judge-z') ? 'A' : 'B', 'Planted.');
    });
  });
  afterAll(() => server.close());

  it("records the win rate of the comparison listed first, whatever order the judges' verdicts finished in", async () => {
    const root = copyFixtureProject('toy');
    writeFileSync(path.join(root, 'suites', 'toy.yaml'), suite);
    const env = cleanEnv({ OPENAI_BASE_URL: server.openaiBaseUrl, OPENAI_API_KEY: 'sk-test' });
    const run = await runCli(['run', 'toy', '--no-cache'], { cwd: root, env });
    expect([0, 1], run.stdout + run.stderr).toContain(run.code);
    const runId = readdirSync(path.join(root, 'reports', 'toy')).find((name) => /^\d{8}-/.test(name))!;
    const judgmentsFile = path.join(root, 'reports', 'toy', runId, 'judgments.jsonl');
    const lines = readFileSync(judgmentsFile, 'utf8').split('\n').filter(Boolean);
    // judge-a's verdicts first: as if it had finished first.
    const byA = (line: string) => (line.includes('"llm:openai:judge-a"') ? 0 : 1);
    writeFileSync(judgmentsFile, [...lines].sort((x, y) => byA(x) - byA(y)).join('\n') + '\n');
    const promoted = await runCli(['promote', runId, '--system', 'candidate'], { cwd: root, env });
    expect(promoted.code, promoted.stderr).toBe(0);
    const lineage = readFileSync(path.join(root, 'reports', 'toy', 'lineage.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lineage.at(-1).winRateVsPrevious).toMatchObject({ judge: 'llm:openai:judge-z', rate: 1 });
  });
});
