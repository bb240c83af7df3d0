import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Case } from '../../src/types.js';
import { copyFixtureProject, runCli } from '../helpers/cli.js';
import { useToyModelServer } from '../helpers/toy-server.js';

// A sheet Excel saved (CRLF) gets rows appended in an editor or by a script (LF), or the other way
// round. The file must load as the rows it has: validate and run the built CLI on the toy fixture
// with both endings in one file, and read the run's cases back.

const DATASET = path.join('datasets', 'toy.csv');

/** Rows appended after the toy's ten: a quoted last cell, a row after it, a quoted cell holding CRLF and LF. */
const APPENDED = [
  't11,"Summarise this thread, please",no,Sure.,"question, short"',
  't12,Plan the offsite agenda,yes,"→ canvas(type: document, title: ""Offsite"")",writing',
  't13,"Write a memo\r\nabout the move\nand the new dates",yes,"→ canvas(type: document, title: ""Memo"")",writing',
  't14,What time is it in Lima?,no,It is noon.,question',
];
const MEMO = 'Write a memo\nabout the move\nand the new dates';
const IDS = Array.from({ length: 14 }, (_, i) => `t${String(i + 1).padStart(2, '0')}`);

function toyCsv(project: string): string {
  const text = readFileSync(path.join(project, DATASET), 'utf8');
  expect(text).toMatch(/^id,input,should_trigger,current_behavior,tags\r\n(.*\r\n){10}$/);
  return text;
}

function onlyRunDir(project: string): string {
  const runs = readdirSync(path.join(project, 'reports', 'toy')).filter((n) => /^\d{8}-/.test(n));
  expect(runs).toHaveLength(1);
  return path.join(project, 'reports', 'toy', runs[0]);
}

const jsonLines = <T>(file: string): T[] =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as T);

describe('a CSV whose rows end in a mix of CRLF and LF', { timeout: 120_000 }, () => {
  const toy = useToyModelServer();

  async function expectLoadsAndRuns(project: string): Promise<void> {
    const validate = await runCli(['validate', 'toy'], { cwd: project });
    expect(validate.stdout + validate.stderr).not.toContain('error:');
    expect(validate.stdout).toContain('suites/toy.yaml: 14 cases, 0 warnings, 0 errors');
    expect(validate.code).toBe(0);

    toy.server.resetCounts();
    const run = await runCli(['run', 'toy', '--no-cache'], { cwd: project, env: toy.env });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const runDir = onlyRunDir(project);
    const cases = jsonLines<Case>(path.join(runDir, 'cases.jsonl'));
    expect(cases.map((c) => c.id)).toEqual(IDS);
    // Spreadsheet rows: the header is row 1, and the memo's quoted line breaks keep it one row.
    expect(cases.map((c) => c.row)).toEqual(IDS.map((_, i) => i + 2));
    const byId = new Map(cases.map((c) => [c.id, c]));
    expect(byId.get('t11')!.columns).toEqual({ id: 't11', input: 'Summarise this thread, please', should_trigger: 'no', current_behavior: 'Sure.', tags: 'question, short' });
    expect(byId.get('t12')!.columns).toMatchObject({ input: 'Plan the offsite agenda', should_trigger: 'yes', tags: 'writing' });
    expect(byId.get('t13')!.messages).toEqual([{ role: 'user', content: MEMO }]);
    expect(byId.get('t14')!.columns).toMatchObject({ input: 'What time is it in Lima?', tags: 'question' });
    expect(byId.get('t10')!.columns).toMatchObject({ input: 'Is it going to rain tomorrow?', tags: 'question' });
    for (const c of cases) for (const value of Object.values(c.columns)) expect(value).not.toContain('\r');

    const results = jsonLines<{ caseId: string; system: string }>(path.join(runDir, 'results.jsonl'));
    for (const system of ['current', 'candidate']) {
      expect(
        results
          .filter((r) => r.system === system)
          .map((r) => r.caseId)
          .sort(),
        system,
      ).toEqual(IDS);
    }
    // The model was asked the memo as one message, its line breaks inside it.
    const asked = toy.server.requests.map((request) => request.messages.filter((m) => m.role === 'user').at(-1)?.content);
    expect(asked).toContain(MEMO);
    expect(asked).toHaveLength(14);
  }

  it('rows appended with LF to a CRLF file (as Excel saves it) validate and run as the rows they are', async () => {
    const project = copyFixtureProject('toy');
    writeFileSync(path.join(project, DATASET), toyCsv(project) + APPENDED.join('\n') + '\n');
    await expectLoadsAndRuns(project);
  });

  it('a row ending in CRLF inside an LF file validates and runs too', async () => {
    const project = copyFixtureProject('toy');
    const lf = toyCsv(project).replaceAll('\r\n', '\n');
    // t05 and t11 (a quoted last cell) end in CRLF; the rest in LF.
    const mixed = lf.replace(/(\nt05,[^\n]*)\n/, '$1\r\n') + APPENDED[0] + '\r\n' + APPENDED.slice(1).join('\n') + '\n';
    expect(mixed.match(/\r\n/g)).toHaveLength(3);
    writeFileSync(path.join(project, DATASET), mixed);
    await expectLoadsAndRuns(project);
  });

  it('a bad cell in an LF row after CRLF rows is reported at its own row', async () => {
    const project = copyFixtureProject('toy');
    const rows = [...APPENDED, 't15,Which row am I?,maybe,No.,question'];
    writeFileSync(path.join(project, DATASET), toyCsv(project) + rows.join('\n') + '\n');
    const validate = await runCli(['validate', 'toy'], { cwd: project });
    expect(validate.code).toBe(2);
    const errors = validate.stdout.split('\n').filter((line) => line.includes('error:'));
    expect(errors).toEqual(['  error: datasets/toy.csv:16: column "should_trigger": "maybe" is not yes/no (use yes, no, true, false, y, n, 1 or 0)']);
  });

  it('a bad cell in a CRLF row after LF rows is reported at its own row', async () => {
    const project = copyFixtureProject('toy');
    const lf = toyCsv(project).replaceAll('\r\n', '\n');
    writeFileSync(path.join(project, DATASET), lf + APPENDED.join('\r\n') + '\r\nt15,Which row am I?,maybe,No.,question\r\n');
    const validate = await runCli(['validate', 'toy'], { cwd: project });
    expect(validate.code).toBe(2);
    const errors = validate.stdout.split('\n').filter((line) => line.includes('error:'));
    expect(errors).toEqual(['  error: datasets/toy.csv:16: column "should_trigger": "maybe" is not yes/no (use yes, no, true, false, y, n, 1 or 0)']);
  });
});
