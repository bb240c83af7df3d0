import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { formatProblem } from '../../src/errors.js';
import { load, problems, workbook } from './fixture.js';

// The rules every format shares (build-cases.ts), shown with CSV because it is the easiest to read.

const FILE = 'datasets/canvas-trigger.csv';
const sha = (text: string) => createHash('sha256').update(text).digest('hex');

describe('case ids', () => {
  it('derives c-<10 hex> from the input when there is no id column', async () => {
    const { cases } = await load(FILE, 'input\nWrite a poem\n');
    expect(cases[0].id).toBe(`c-${sha('Write a poem').slice(0, 10)}`);
  });

  it('keeps derived ids when a row is inserted above', async () => {
    const before = await load(FILE, 'input\nfirst\nsecond\n');
    const after = await load(FILE, 'input\nnew one\nfirst\nsecond\n');
    expect(after.cases.slice(1).map((c) => c.id)).toEqual(before.cases.map((c) => c.id));
    expect(after.cases[1].row).toBe(3);
  });

  it('includes the now column in derived ids, so the same question at two times is two cases', async () => {
    const { cases } = await load(FILE, 'input,now\nremind me tomorrow,2026-11-26T09:00:00\nremind me tomorrow,2026-11-27T09:00:00\n');
    expect(new Set(cases.map((c) => c.id)).size).toBe(2);
  });

  it('uses the id column when set, deriving ids for rows that leave it empty', async () => {
    const { cases } = await load(FILE, 'id,input\n  greet-1 ,hi\n,bye\n');
    expect(cases.map((c) => c.id)).toEqual(['greet-1', `c-${sha('bye').slice(0, 10)}`]);
  });

  it('reports duplicate explicit ids naming both rows', async () => {
    expect(await problems(FILE, 'id,input\na,one\nb,two\na,three\n')).toEqual(['datasets/canvas-trigger.csv:4: column "id": id "a" is used by rows 2 and 4; ids must be unique']);
  });

  it('reports duplicate derived ids naming both rows', async () => {
    const id = `c-${sha('same').slice(0, 10)}`;
    expect(await problems(FILE, 'input,label\nsame,yes\nother,no\nsame,no\n')).toEqual([
      `datasets/canvas-trigger.csv:4: column "input": rows 2 and 4 have the same input, so both get id "${id}"; add an "id" column or make the inputs differ`,
    ]);
  });
});

describe('content hash', () => {
  it('is 16 hex chars that change when any column changes, not when the row moves', async () => {
    const a = await load(FILE, 'id,input,ideal_behavior\nx,hi,greet back\n');
    const b = await load(FILE, 'id,input,ideal_behavior\n\nx,hi,greet back\n');
    const c = await load(FILE, 'id,input,ideal_behavior\nx,hi,greet back warmly\n');
    expect(a.cases[0].contentHash).toMatch(/^[0-9a-f]{16}$/);
    expect(b.cases[0].contentHash).toBe(a.cases[0].contentHash);
    expect(c.cases[0].contentHash).not.toBe(a.cases[0].contentHash);
  });

  it('does not depend on column order', async () => {
    const a = await load(FILE, 'id,input\nx,hi\n');
    const b = await load(FILE, 'input,id\nhi,x\n');
    expect(b.cases[0].contentHash).toBe(a.cases[0].contentHash);
  });
});

describe('input column', () => {
  it('reports a missing input column with the columns found and a did-you-mean', async () => {
    expect(await problems(FILE, 'id,inpt,should_trigger\na,hi,yes\n')).toEqual(['datasets/canvas-trigger.csv:1: no "input" column (did you mean "inpt"?); the columns are: id, inpt, should_trigger']);
  });

  it('reports an empty input', async () => {
    expect(await problems(FILE, 'id,input\na,  \n')).toEqual(['datasets/canvas-trigger.csv:2: column "input": is empty (every case needs an input)']);
  });

  it('reads conversations typed in a cell', async () => {
    const { cases } = await load(FILE, 'input\n"user: Write a toast\nassistant: For whom?\nuser: My sister"\n');
    expect(cases[0].messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
  });

  it('reports a bad JSON conversation at its row and column', async () => {
    expect(await problems(FILE, 'input\n"[{""role"": ""bot"", ""content"": ""hi""}]"\n')).toEqual([
      'datasets/canvas-trigger.csv:2: column "input": message 1 has role "bot" (use "system", "user" or "assistant")',
    ]);
    const [invalid] = await problems(FILE, 'input\n"[{""role"": ""user"",}]"\n');
    expect(invalid).toMatch(/^datasets\/canvas-trigger\.csv:2: column "input": starts with "\[" but is not a valid JSON array of \{role, content\} \(.+\)$/);
  });
});

describe('labels and required columns', () => {
  it('accepts yes/no/true/false/y/n/1/0 in any case, and empty cells', async () => {
    const { cases } = await load(FILE, 'input,should_trigger\na,YES\nb, n \nc,\nd,1\n', { labelColumns: ['should_trigger'] });
    expect(cases.map((c) => c.columns.should_trigger)).toEqual(['YES', 'n', '', '1']);
  });

  it('reports every bad label with its row, not just the first', async () => {
    const text = 'input,should_trigger\na,yes\nb,yess\nc,maybe\n';
    expect(await problems(FILE, text, { labelColumns: ['should_trigger'] })).toEqual([
      'datasets/canvas-trigger.csv:3: column "should_trigger": "yess" is not yes/no (use yes, no, true, false, y, n, 1 or 0)',
      'datasets/canvas-trigger.csv:4: column "should_trigger": "maybe" is not yes/no (use yes, no, true, false, y, n, 1 or 0)',
    ]);
  });

  it('reports missing label and required columns', async () => {
    expect(await problems(FILE, 'input,should_triger\na,yes\n', { labelColumns: ['should_trigger'], requiredColumns: ['ideal_behavior'] })).toEqual([
      'datasets/canvas-trigger.csv:1: no "ideal_behavior" column; the columns are: input, should_triger',
      'datasets/canvas-trigger.csv:1: no "should_trigger" column (did you mean "should_triger"?); the columns are: input, should_triger',
    ]);
  });

  it('lists problems of different kinds together, in row order', async () => {
    const text = 'id,input,label\na,hi,yes\nb,,nope\na,again,no\nc,d\n';
    expect(await problems(FILE, text, { labelColumns: ['label'] })).toEqual([
      'datasets/canvas-trigger.csv:3: column "input": is empty (every case needs an input)',
      'datasets/canvas-trigger.csv:3: column "label": "nope" is not yes/no (use yes, no, true, false, y, n, 1 or 0)',
      'datasets/canvas-trigger.csv:4: column "id": id "a" is used by rows 2 and 4; ids must be unique',
      'datasets/canvas-trigger.csv:5: row has 2 cells, the header has 3',
    ]);
  });

  it('reports a header with no rows under it', async () => {
    expect(await problems(FILE, 'input,label\n\n')).toEqual(['datasets/canvas-trigger.csv: has no cases (add rows under the header)']);
  });
});

describe('tags, now and timezone', () => {
  it('splits tags on commas and whitespace', async () => {
    const { cases } = await load(FILE, 'input,tags\nhi,"smoke, canvas  long-form,smoke"\n');
    expect(cases[0].tags).toEqual(['smoke', 'canvas', 'long-form']);
  });

  it('uses the suite defaults unless a column overrides them', async () => {
    const text = 'input,now,timezone\na,,\nb,2026-11-26 09:00,Europe/Paris\nc,2026-11-26T09:00:00+01:00,\n';
    const { cases } = await load(FILE, text, { now: '2026-01-01T00:00:00Z', timezone: 'UTC' });
    expect(cases.map((c) => [c.now, c.timezone])).toEqual([
      ['2026-01-01T00:00:00Z', 'UTC'],
      ['2026-11-26T09:00', 'Europe/Paris'],
      ['2026-11-26T09:00:00+01:00', 'UTC'],
    ]);
  });

  it('leaves now and timezone unset when neither the suite nor the row sets them', async () => {
    const { cases } = await load(FILE, 'input\nhi\n');
    expect(cases[0]).not.toHaveProperty('now');
    expect(cases[0]).not.toHaveProperty('timezone');
  });

  it('reports invalid now and timezone values', async () => {
    expect(await problems(FILE, 'input,now,timezone\na,26/11/2026,Europe/Pariss\nb,2026-02-30T10:00:00,UTC\n')).toEqual([
      'datasets/canvas-trigger.csv:2: column "now": "26/11/2026" is not an ISO date-time (use e.g. 2026-11-26T09:00:00, optionally with an offset such as +01:00 or Z)',
      'datasets/canvas-trigger.csv:2: column "timezone": "Europe/Pariss" is not an IANA time zone (use e.g. Europe/Paris, America/New_York or UTC)',
      'datasets/canvas-trigger.csv:3: column "now": "2026-02-30T10:00:00" is not an ISO date-time (use e.g. 2026-11-26T09:00:00, optionally with an offset such as +01:00 or Z)',
    ]);
  });
});

describe('warnings', () => {
  it('locates a near-miss role label by row and column (by cell in a workbook) without failing the load', async () => {
    const csv = await load(FILE, 'id,input\nok,user: hi\ntypo,"asistant: Sure.\nuser: thanks"\n');
    expect(csv.cases.map((c) => c.id)).toEqual(['ok', 'typo']);
    expect(csv.warnings.map(formatProblem)).toEqual(['datasets/canvas-trigger.csv:3: column "input": first line starts with "asistant:"; did you mean "assistant:"? (read as plain text)']);
    const book = await load(
      'datasets/b.xlsx',
      await workbook({
        cases: [
          ['id', 'input'],
          ['ok', 'user: hi'],
          ['typo', 'User - hi'],
        ],
      }),
    );
    expect(book.warnings.map(formatProblem)).toEqual(['datasets/b.xlsx: cases!B3: column "input": first line starts with "User -"; did you mean "user:"? (read as plain text)']);
  });

  it('has none for a clean sheet', async () => {
    expect((await load(FILE, 'input\nUser interviews: summarise them\n')).warnings).toEqual([]);
  });
});
