import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { winrateCommand } from '../../src/cli/commands/winrate.js';
import type { CliIO } from '../../src/cli/io.js';
import { ConfigurationError } from '../../src/errors.js';
import { importJudgments } from '../../src/judge/import-judgments.js';
import { makeTempDir } from '../helpers/temp-dir.js';

function project(files: Record<string, string>): string {
  const dir = makeTempDir('winrate');
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

async function problems(promise: Promise<unknown>): Promise<string[]> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigurationError);
  return (error as ConfigurationError).message.split('\n');
}

describe('importJudgments', () => {
  it('reads a CSV with winners as a/b/tie or as system names, in either orientation', async () => {
    const cwd = project({ 'j.csv': '\uFEFFcase_id;system_a;system_b;winner\r\nc1;new;old;a\r\nc2;old;new;new\r\nc3;new;old;tie\r\nc4;new;old;old\r\n' });
    const records = await importJudgments('j.csv', cwd);
    expect(records.map((r) => [r.caseId, r.a, r.b, r.winner])).toEqual([
      ['c1', 'new', 'old', 'a'],
      ['c2', 'old', 'new', 'b'],
      ['c3', 'new', 'old', 'tie'],
      ['c4', 'new', 'old', 'b'],
    ]);
  });

  it('reads JSONL with preferences and raters, keeping every row of a repeated case', async () => {
    const lines = [
      { caseId: 'c1', a: 'new', b: 'old', preference: 0.8, rater: 'ana' },
      { caseId: 'c1', a: 'new', b: 'old', preference: 0.5, rater: 'ana' },
      { caseId: 'c2', a: 'new', b: 'old', preference: 0, rater: 'ben' },
    ];
    const cwd = project({ 'j.jsonl': lines.map((l) => JSON.stringify(l)).join('\n') });
    const records = await importJudgments('j.jsonl', cwd);
    expect(records.map((r) => [r.judge, r.repeat, r.winner, r.preference])).toEqual([
      ['human:ana', 0, 'a', 0.8],
      ['human:ana', 1, 'tie', 0.5],
      ['human:ben', 0, 'b', 0],
    ]);
  });

  it('names file, row and column for every bad row', async () => {
    const cwd = project({ 'j.csv': 'id,a,b,winner,preference\nc1,new,old,maybe,\nc2,new,,a,\nc3,new,old,,1.5\nc4,new,new,a,\n' });
    expect(await problems(importJudgments('j.csv', cwd))).toEqual([
      'j.csv:2: column "winner": "maybe" is not a, b, tie, "new" or "old"',
      'j.csv:3: column "b": the system name is empty',
      'j.csv:4: column "preference": "1.5" is not a number from 0 to 1',
      'j.csv:5: column "b": compares "new" with itself',
    ]);
  });

  it('says which columns are missing', async () => {
    const cwd = project({ 'j.csv': 'case,left,right,winner\nc1,x,y,a\n' });
    expect(await problems(importJudgments('j.csv', cwd))).toEqual(['j.csv: no system A column (expected a, system_a, model_a)', 'j.csv: no system B column (expected b, system_b, model_b)']);
  });
});

describe('evals winrate', () => {
  it('prints the win-rate table', async () => {
    const rows = ['case_id,a,b,winner', ...Array.from({ length: 10 }, (_, i) => `c${i},new,old,${i < 7 ? 'a' : 'b'}`)];
    const cwd = project({ 'j.csv': rows.join('\n') });
    const out: string[] = [];
    const io: CliIO = { out: (t) => out.push(t), err: () => {}, interactive: false, colour: false, cwd, env: {} };
    expect(await winrateCommand('j.csv', {}, io)).toBe(0);
    const table = out.join('\n');
    expect(table).toMatch(/new vs old\s*│\s*imported\s*│\s*10\s*│\s*7\/3\/0\s*│\s*70\.0%\s*│\s*39\.7%–89\.2%/);
  });
});
