import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, copyFixtureProject, runCli } from '../helpers/cli.js';
import { startFakeModelServer, type FakeBrain, type FakeModelServer, type FakeReply, type FakeRequest } from '../helpers/fake-model-server.js';

// `evals synth` as a user types it, against the fake model server: rows that pass `evals validate`,
// planted duplicates dropped and replaced, the diversity report's numbers for a planted set, resume
// after a kill, and a model that goes down.

const SHEET = [
  ['id', 'input', 'should_trigger', 'ideal_behavior', 'why'],
  ['a01', 'Write a two thousand word essay on the history of the printing press', 'yes', '→ canvas(type: document, title: "Printing press")', 'long document'],
  ['a02', 'What is the capital of Peru?', 'no', 'Lima.', 'short fact'],
  ['a03', 'Draft a cover letter for a data analyst job at a bank', 'yes', '→ canvas(type: document, title: "Cover letter")', 'a document to iterate on'],
  ['a04', 'thanks!', 'no', "You're welcome!", 'small talk'],
  ['a05', 'Refactor this Python module into classes and add type hints', 'yes', '→ canvas(type: code, title: "Refactor")', 'code to iterate on'],
  ['a06', 'How many ounces are in a pound?', 'no', 'Sixteen.', 'short fact'],
];

function project(): string {
  const dir = copyFixtureProject('toy');
  writeFileSync(path.join(dir, 'datasets', 'assist.csv'), Papa.unparse(SHEET) + '\n');
  writeFileSync(
    path.join(dir, 'suites', 'assist.yaml'),
    [
      'name: assist',
      'description: When the assistant should open a Canvas document instead of answering in the chat.',
      'dataset: datasets/assist.csv',
      'labels: [should_trigger]',
      'systems:',
      '  candidate: { provider: "openai:fake-model", tools: tools/canvas.json }',
      'checks:',
      '  - { type: tool-called, tool: canvas, expect: "{{should_trigger}}" }',
      '',
    ].join('\n'),
  );
  return dir;
}

/** A copy of the suite reading another dataset (and tab): what a PM does to check the new rows. */
function suiteOn(dir: string, name: string, dataset: string, sheet?: string): void {
  const text = readFileSync(path.join(dir, 'suites', 'assist.yaml'), 'utf8')
    .replace('name: assist', `name: ${name}`)
    .replace('dataset: datasets/assist.csv', `dataset: ${dataset}${sheet ? `\nsheet: ${sheet}` : ''}`);
  writeFileSync(path.join(dir, 'suites', `${name}.yaml`), text);
}

function userPrompt(request: FakeRequest): string {
  return request.messages.find((m) => m.role === 'user')?.content ?? '';
}

/** What the plan asked for, read back from the prompt. */
function asked(request: FakeRequest): { label: 'yes' | 'no'; multiTurn: boolean } {
  const prompt = userPrompt(request);
  return { label: /- should_trigger: yes/.test(prompt) ? 'yes' : 'no', multiTurn: /- turns: multi-turn/.test(prompt) };
}

function proposal(request: FakeRequest, text: string, overrides: { ideal?: string; singleTurn?: boolean } = {}): FakeReply {
  const { label } = asked(request);
  const multiTurn = asked(request).multiTurn && !overrides.singleTurn;
  const turns = multiTurn
    ? [
        { role: 'user', content: 'hello there' },
        { role: 'assistant', content: 'Hi! How can I help?' },
        { role: 'user', content: text },
      ]
    : [{ role: 'user', content: text }];
  const ideal = overrides.ideal ?? (label === 'yes' ? '→ canvas(type: document, title: "Draft")' : 'A short answer in the chat.');
  return { toolCalls: [{ name: 'propose_case', arguments: { turns, labels: { should_trigger: label }, ideal_behavior: ideal, why: `planted ${label}` } }], usage: { input: 100, output: 20 } };
}

/** Distinct texts: any two share "please handle item" and nothing else (Jaccard 3/7). */
function distinctText(i: number): string {
  return `please handle item number${i} word${i}x`;
}

function readRows(file: string): Array<Record<string, string>> {
  return Papa.parse<Record<string, string>>(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
}

function progressLines(file: string): Array<Record<string, unknown>> {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

describe('evals synth', () => {
  let server: FakeModelServer;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    server = await startFakeModelServer();
    env = cleanEnv({ OPENAI_BASE_URL: server.openaiBaseUrl, OPENAI_API_KEY: 'sk-test' });
  });
  afterAll(() => server.close());

  it('makes n rows that pass evals validate; planted duplicates of the sheet and of new rows, and an invalid ideal, are dropped and asked again', async () => {
    const dir = project();
    server.resetCounts();
    let calls = 0;
    const brain: FakeBrain = (request) => {
      calls += 1;
      if (calls === 3) return proposal(request, 'What is the capital of Peru?', { singleTurn: true }); // the sheet's row a02
      if (calls === 5) return proposal(request, `${distinctText(1)}!`, { singleTurn: true }); // a new row already kept, punctuation aside
      if (calls === 7) return proposal(request, distinctText(7), { ideal: asked(request).label === 'yes' ? 'Sure, here it is.' : '→ canvas(type: document, title: "x")' }); // ideal contradicts the label
      return proposal(request, distinctText(calls), { singleTurn: calls === 1 });
    };
    server.setBrain(brain);
    const result = await runCli(['synth', 'assist', '--n', '10', '--model', 'openai:fake-model', '--out', 'datasets/new.csv', '--concurrency', '1'], { cwd: dir, env });
    expect(result.code, result.stderr + result.stdout).toBe(0);
    expect(server.requests.length, result.stdout).toBe(13);

    const rows = readRows(path.join(dir, 'datasets', 'new.csv'));
    expect(rows).toHaveLength(10);
    expect(rows.every((row) => row.review === 'proposed by synth: check the label and ideal')).toBe(true);
    expect(new Set(rows.map((row) => row.input)).size).toBe(10);
    expect(rows.some((row) => row.input.includes('capital of Peru'))).toBe(false);
    expect(rows.filter((row) => row.should_trigger === 'yes')).toHaveLength(5);

    // The replacement requests say why the earlier answer was turned away.
    expect(userPrompt(server.requests[3])).toContain('nearly the same as an existing case (id a02)');
    expect(userPrompt(server.requests[5])).toContain('nearly the same as another new case');
    expect(userPrompt(server.requests[7])).toContain('would fail evals validate');

    const report = JSON.parse(readFileSync(path.join(dir, 'datasets', 'new.diversity.json'), 'utf8'));
    expect(report.dropped).toEqual({ duplicateOfSheet: 1, duplicateOfNew: 1, invalid: 1 });
    expect(report.produced).toBe(10);
    expect(report.labels.should_trigger).toEqual({ yes: 5, no: 5, other: 0 });
    expect(result.stdout).toContain('dropped: 1 near-duplicate of the sheet, 1 near-duplicate of another new row, 1 that would fail evals validate');
    expect(result.stdout).toContain('model calls: 13 to the model, 0 from the cache; 1300 input + 260 output tokens');
    expect(existsSync(path.join(dir, 'datasets', 'new.diversity.md'))).toBe(true);

    // The new file passes validate on its own (no duplicates among the new rows, every ideal passes) …
    suiteOn(dir, 'assist-new', 'datasets/new.csv');
    const alone = await runCli(['validate', 'assist-new'], { cwd: dir, env });
    expect(alone.code, alone.stdout + alone.stderr).toBe(0);
    expect(alone.stdout).toContain('10/10 ideals pass every check');
    expect(alone.stdout).not.toMatch(/same input/);
    // … and together with the sheet, no new row repeats a sheet row.
    const columns = SHEET[0];
    writeFileSync(path.join(dir, 'datasets', 'both.csv'), Papa.unparse([columns, ...SHEET.slice(1), ...rows.map((row) => columns.map((c) => row[c]))]) + '\n');
    suiteOn(dir, 'assist-both', 'datasets/both.csv');
    const both = await runCli(['validate', 'assist-both'], { cwd: dir, env });
    expect(both.code, both.stdout + both.stderr).toBe(0);
    expect(both.stdout).not.toMatch(/same input/);

    // The suite's own sheet is untouched.
    expect(readFileSync(path.join(dir, 'datasets', 'assist.csv'), 'utf8')).toBe(Papa.unparse(SHEET) + '\n');
  });

  it("the diversity report's numbers for a planted set are exact", async () => {
    const dir = project();
    const planted = ['alpha beta gamma delta', 'alpha beta epsilon', 'zeta eta', 'alpha zeta theta iota kappa'];
    let calls = 0;
    server.setBrain((request) => {
      const text = planted[calls++];
      return proposal({ ...request, messages: request.messages.map((m) => ({ ...m, content: m.content.replace('- turns: multi-turn', '- turns: single-turn') })) }, text);
    });
    const result = await runCli(['synth', 'assist', '--n', '4', '--model', 'openai:fake-model', '--out', 'datasets/planted.csv', '--concurrency', '1', '--json'], { cwd: dir, env });
    expect(result.code, result.stderr).toBe(0);
    const { report } = JSON.parse(result.stdout);
    // Words: 4 + 3 + 2 + 5 = 14, of which 10 distinct. Word pairs: 3 + 2 + 1 + 4 = 10, of which 9
    // distinct ("alpha beta" twice).
    expect(report.distinct1).toEqual({ distinct: 10, total: 14, ratio: 10 / 14 });
    expect(report.distinct2).toEqual({ distinct: 9, total: 10, ratio: 0.9 });
    // Jaccard of the word sets, six pairs: 1-2 2/5, 1-3 0, 1-4 1/8, 2-3 0, 2-4 1/7, 3-4 1/6. Sorted
    // 0, 0, 1/8, 1/7, 1/6, 2/5; median (position 2.5) = (1/8 + 1/7)/2; p90 (position 4.5) = (1/6 + 2/5)/2.
    expect(report.similarity.pairs).toBe(6);
    expect(report.similarity.min).toBe(0);
    expect(report.similarity.median).toBeCloseTo((1 / 8 + 1 / 7) / 2, 12);
    expect(report.similarity.p90).toBeCloseTo((1 / 6 + 2 / 5) / 2, 12);
    expect(report.similarity.max).toBeCloseTo(0.4, 12);
    expect(report.labels.should_trigger).toEqual({ yes: 2, no: 2, other: 0 });
    expect(report.dropped).toEqual({ duplicateOfSheet: 0, duplicateOfNew: 0, invalid: 0 });
    // Every axis balanced over the 4 rows: two values twice each, or four once each.
    expect(report.axes.turns).toEqual({ 'single-turn': 2, 'multi-turn': 2 });
    expect(report.axes.language).toEqual({ English: 1, Spanish: 1, French: 1, German: 1 });
    expect(Object.values(report.axes.length as Record<string, number>).sort()).toEqual([1, 1, 2]);
  });

  it('resumes after a kill without asking again for the rows already written', async () => {
    const dir = project();
    server.resetCounts();
    let calls = 0;
    server.setBrain((request) => {
      calls += 1;
      return calls === 4 ? { delayMs: 60_000 } : proposal(request, distinctText(calls));
    });
    const args = ['synth', 'assist', '--n', '6', '--model', 'openai:fake-model', '--out', 'datasets/resumed.csv', '--concurrency', '1', '--no-cache'];
    let pid = 0;
    const killed = runCli(args, { cwd: dir, env, onSpawn: (p) => (pid = p) });
    while (server.requests.length < 4) await new Promise((resolve) => setTimeout(resolve, 20));
    process.kill(pid, 'SIGKILL');
    await killed;
    const firstRun = server.requests.map(userPrompt);
    const progress = path.join(dir, 'datasets', 'resumed.synth-progress.jsonl');
    expect(progressLines(progress).filter((line) => line.outcome === 'kept')).toHaveLength(3);
    expect(readRows(path.join(dir, 'datasets', 'resumed.csv'))).toHaveLength(3);

    server.resetCounts();
    server.setBrain((request) => proposal(request, distinctText(100 + server.requests.length)));
    const result = await runCli(args, { cwd: dir, env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('3 rows kept from an earlier run of this command');
    // Only the three missing rows were asked for, starting with the one the kill interrupted.
    expect(server.requests).toHaveLength(3);
    expect(userPrompt(server.requests[0])).toBe(firstRun[3]);
    for (const request of server.requests) expect(firstRun.slice(0, 3)).not.toContain(userPrompt(request));
    const rows = readRows(path.join(dir, 'datasets', 'resumed.csv'));
    expect(rows).toHaveLength(6);
    expect(new Set(rows.map((row) => row.id)).size).toBe(6);
    expect(progressLines(progress).filter((line) => line.outcome === 'kept')).toHaveLength(6);
  });

  it('a model that goes down: exit 3 with a clear message, the rows made so far kept, and the same command finishes the job', async () => {
    const dir = project();
    server.resetCounts();
    let calls = 0;
    server.setBrain((request) => {
      calls += 1;
      return calls <= 2 ? proposal(request, distinctText(calls)) : { status: 503 };
    });
    const args = ['synth', 'assist', '--n', '4', '--model', 'openai:fake-model', '--out', 'datasets/down.xlsx#Synth', '--concurrency', '1', '--max-retries', '0'];
    const down = await runCli(args, { cwd: dir, env });
    expect(down.code, down.stderr).toBe(3);
    expect(down.stderr).toContain('the model openai:fake-model could not be reached');
    expect(down.stderr).toContain('The 2 rows made so far are kept in datasets/down.xlsx; run the same command again to continue.');
    expect(down.stderr).not.toMatch(/\n\s+at /);

    server.resetCounts();
    server.setBrain((request) => proposal(request, distinctText(200 + server.requests.length)));
    const again = await runCli(args, { cwd: dir, env });
    expect(again.code, again.stderr).toBe(0);
    expect(server.requests).toHaveLength(2);
    // The workbook tab passes validate when a copy of the suite points at it.
    suiteOn(dir, 'assist-tab', 'datasets/down.xlsx', 'Synth');
    const validated = await runCli(['validate', 'assist-tab'], { cwd: dir, env });
    expect(validated.code, validated.stdout + validated.stderr).toBe(0);
    expect(validated.stdout).toContain('4 cases');
  });

  it('an answer with no usable case is asked again through the retry loop, never turned into a row', async () => {
    const dir = project();
    server.resetCounts();
    let calls = 0;
    server.setBrain((request) => {
      calls += 1;
      if (calls === 1) return { text: 'Sorry, I would rather not.' };
      if (calls === 2) return { toolCalls: [{ name: 'propose_case', arguments: { turns: [], why: 'empty' } }] };
      return proposal(request, distinctText(calls));
    });
    const result = await runCli(['synth', 'assist', '--n', '1', '--model', 'openai:fake-model', '--out', 'datasets/m.csv'], { cwd: dir, env });
    expect(result.code, result.stderr).toBe(0);
    expect(server.requests).toHaveLength(3);
    expect(result.stderr).toContain('no propose_case call and no JSON case (it said "Sorry, I would rather not.")');
    expect(result.stderr).toContain('turns: Too small');
    expect(readRows(path.join(dir, 'datasets', 'm.csv'))).toHaveLength(1);
  });

  it('says so when fewer rows than asked survive the attempts', async () => {
    const dir = project();
    server.resetCounts();
    server.setBrain((request) => proposal(request, 'the very same request every time, word for word', { singleTurn: true }));
    const result = await runCli(['synth', 'assist', '--n', '3', '--model', 'openai:fake-model', '--out', 'datasets/few.csv', '--max-attempts', '2', '--concurrency', '1'], { cwd: dir, env });
    expect(result.code, result.stderr).toBe(0);
    // One row kept; each of the other two asked twice and dropped twice.
    expect(server.requests).toHaveLength(5);
    expect(result.stdout).toContain('dropped: 0 near-duplicate of the sheet, 4 near-duplicate of another new row, 0 that would fail evals validate');
    expect(result.stdout).toContain('only 1 of 3 rows: each of the others was dropped 2 times (see the dropped counts above); run again with a higher --max-attempts');
    expect(readRows(path.join(dir, 'datasets', 'few.csv'))).toHaveLength(1);

    // A higher --max-attempts on the same command asks again for the two missing rows only, and is told why.
    server.resetCounts();
    server.setBrain((request) => proposal(request, distinctText(300 + server.requests.length)));
    const more = await runCli(['synth', 'assist', '--n', '3', '--model', 'openai:fake-model', '--out', 'datasets/few.csv', '--max-attempts', '3', '--concurrency', '1'], { cwd: dir, env });
    expect(more.code, more.stderr).toBe(0);
    expect(server.requests).toHaveLength(2);
    expect(userPrompt(server.requests[0])).toContain('nearly the same as another new case');
    expect(readRows(path.join(dir, 'datasets', 'few.csv'))).toHaveLength(3);
  });

  it("never writes into the suite's own sheet, nor over a file it did not make", async () => {
    const dir = project();
    const own = await runCli(['synth', 'assist', '--n', '2', '--model', 'openai:fake-model', '--out', 'datasets/assist.csv'], { cwd: dir, env });
    expect(own.code).toBe(2);
    expect(own.stderr).toContain("--out is the suite's own sheet (datasets/assist.csv); synth never writes into it");
    writeFileSync(path.join(dir, 'datasets', 'mine.csv'), 'id,input\nx,hello\n');
    const other = await runCli(['synth', 'assist', '--n', '2', '--model', 'openai:fake-model', '--out', 'datasets/mine.csv'], { cwd: dir, env });
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('datasets/mine.csv: already exists and was not written by synth');
    expect(readFileSync(path.join(dir, 'datasets', 'mine.csv'), 'utf8')).toBe('id,input\nx,hello\n');
    const noKey = await runCli(['synth', 'assist', '--n', '2', '--model', 'openai:fake-model', '--out', 'datasets/k.csv'], { cwd: dir, env: cleanEnv() });
    expect(noKey.code, noKey.stdout + noKey.stderr).toBe(2);
    expect(noKey.stderr).toContain('--model openai:fake-model: set OPENAI_API_KEY to use it');
  });
});

describe('evals synth with other answers and other commands', () => {
  let server: FakeModelServer;

  beforeAll(async () => {
    server = await startFakeModelServer();
  });
  afterAll(() => server.close());

  it('works over the Anthropic wire format, takes a JSON answer from a model without tools, and refuses to continue a journal made by another command', async () => {
    const dir = project();
    const env = cleanEnv({ ANTHROPIC_BASE_URL: server.anthropicBaseUrl, ANTHROPIC_API_KEY: 'sk-ant-test' });
    let calls = 0;
    server.setBrain((request) => {
      calls += 1;
      const reply = proposal(request, distinctText(calls));
      // Every other answer is a JSON object in the text, as from a model that cannot call tools.
      return calls % 2 ? reply : { text: 'Here it is:\n```json\n' + JSON.stringify(reply.toolCalls![0].arguments) + '\n```' };
    });
    const args = ['synth', 'assist', '--n', '4', '--model', 'anthropic:claude-fake', '--out', 'datasets/a.csv', '--concurrency', '2'];
    const result = await runCli(args, { cwd: dir, env });
    expect(result.code, result.stderr + result.stdout).toBe(0);
    expect(server.requests.every((r) => r.api === 'anthropic' && r.tools.some((t) => t.name === 'propose_case'))).toBe(true);
    expect(server.requests).toHaveLength(4);
    expect(readRows(path.join(dir, 'datasets', 'a.csv'))).toHaveLength(4);

    // The same command again: nothing left to ask.
    server.resetCounts();
    const again = await runCli(args, { cwd: dir, env });
    expect(again.code, again.stderr).toBe(0);
    expect(server.requests).toHaveLength(0);
    expect(again.stdout).toContain('4 rows kept from an earlier run of this command');

    // A PM who starts reviewing in the file: the same command refuses to overwrite the edits.
    const out = path.join(dir, 'datasets', 'a.csv');
    const edited = readFileSync(out, 'utf8').replace('proposed by synth: check the label and ideal', 'checked by Ana');
    writeFileSync(out, edited);
    const refused = await runCli(args, { cwd: dir, env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('datasets/a.csv: was changed since synth wrote it (row 2); continuing would overwrite your edits');
    expect(readFileSync(out, 'utf8')).toBe(edited);

    const changed = await runCli([...args.slice(0, 3), '6', ...args.slice(4)], { cwd: dir, env });
    expect(changed.code).toBe(2);
    expect(changed.stderr).toContain('datasets/a.synth-progress.jsonl: was made by another synth command (n was 4, now 6)');
  });
});

describe('evals synth and the response cache', () => {
  let server: FakeModelServer;

  beforeAll(async () => {
    server = await startFakeModelServer();
  });
  afterAll(() => server.close());

  it('serves cached answers as runs do: at a base_url server only while it reports the same model', async () => {
    const dir = project();
    const env = cleanEnv({ OPENAI_BASE_URL: server.openaiBaseUrl, OPENAI_API_KEY: 'sk-test' });
    let model = 'weights-v1';
    server.setBrain((request) => ({ ...proposal(request, distinctText(server.requests.length)), model }));
    const args = ['synth', 'assist', '--n', '3', '--model', 'openai:fake-model', '--out', 'datasets/c.csv', '--concurrency', '1'];
    const startOver = () => {
      for (const file of ['c.csv', 'c.synth-progress.jsonl']) rmSync(path.join(dir, 'datasets', file));
    };
    expect((await runCli(args, { cwd: dir, env })).code).toBe(0);
    const first = readRows(path.join(dir, 'datasets', 'c.csv'));

    // Started over with the same server: one fresh answer (the probe) to learn who serves, every row from the cache.
    startOver();
    server.resetCounts();
    const cached = await runCli(args, { cwd: dir, env });
    expect(cached.code, cached.stderr).toBe(0);
    expect(server.requests).toHaveLength(1);
    // The probe's row is still the cached answer, so a rerun writes the same rows.
    expect(cached.stdout).toContain('model calls: 1 to the model, 3 from the cache');
    expect(readRows(path.join(dir, 'datasets', 'c.csv'))).toEqual(first);

    // New weights behind the same name: the cached answers are stale, every row is asked again.
    startOver();
    server.resetCounts();
    model = 'weights-v2';
    const fresh = await runCli(args, { cwd: dir, env });
    expect(fresh.code, fresh.stderr).toBe(0);
    expect(server.requests).toHaveLength(3);
    expect(fresh.stdout).toContain('model calls: 3 to the model, 0 from the cache');
  });
});

describe('evals synth under the rate limit its provider states', () => {
  it('paces to it: every row made, few requests refused', async () => {
    // 40 rows, 10 asked for at once, against 10 requests a second at 50 ms each.
    let calls = 0;
    const brain: FakeBrain = (request) => ({ ...proposal(request, distinctText(++calls)), delayMs: 50 });
    const limited = await startFakeModelServer(brain, { rateLimit: { requestsPerSecond: 10 } });
    try {
      const dir = project();
      const env = cleanEnv({ OPENAI_BASE_URL: limited.openaiBaseUrl, OPENAI_API_KEY: 'sk-test' });
      const result = await runCli(['synth', 'assist', '--n', '40', '--model', 'openai:fake-model', '--out', 'datasets/new.csv', '--concurrency', '10'], { cwd: dir, env });
      expect(result.code, result.stderr + result.stdout).toBe(0);
      expect(readRows(path.join(dir, 'datasets', 'new.csv'))).toHaveLength(40);
      expect(limited.requests.length).toBe(40 + limited.rejected);
      // Before synth paced, waves of 10 sent into a bucket of 10 refilled at 10 a second: 103
      // refusals for these 40 rows; paced, 0.
      expect(limited.rejected).toBeLessThanOrEqual(4);
    } finally {
      await limited.close();
    }
  });
});
