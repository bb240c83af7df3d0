import { describe, expect, it } from 'vitest';
import { detectDelimiter } from '../../src/dataset/csv.js';
import { load, problems } from './fixture.js';

const FILE = 'datasets/canvas-trigger.csv';

describe('CSV datasets', () => {
  it('loads rows as cases with every column kept as text', async () => {
    const dataset = await load(FILE, 'id,input,should_trigger,notes\ngreet,Say hi,no,quick question\n');
    expect(dataset.file).toBe(FILE);
    expect(dataset.columns).toEqual(['id', 'input', 'should_trigger', 'notes']);
    expect(dataset.cases).toHaveLength(1);
    expect([...dataset.cases][0]).toMatchObject({
      id: 'greet',
      file: FILE,
      row: 2,
      messages: [{ role: 'user', content: 'Say hi' }],
      columns: { id: 'greet', input: 'Say hi', should_trigger: 'no', notes: 'quick question' },
      tags: [],
    });
  });

  it('reads UTF-8 with a BOM, CRLF line ends and quoted cells with newlines and quotes', async () => {
    const text = '\uFEFFid,input\r\na,"Write a ""short"" poem\r\nabout rain"\r\nb,Plain\r\n';
    const dataset = await load(FILE, text);
    expect(dataset.columns).toEqual(['id', 'input']);
    expect([...dataset.cases].map((c) => c.messages[0].content)).toEqual(['Write a "short" poem\nabout rain', 'Plain']);
    // A quoted cell spanning two lines is still one spreadsheet row.
    expect([...dataset.cases].map((c) => c.row)).toEqual([2, 3]);
  });

  it('reads UTF-16 "Unicode text" exports from Excel', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('input\tlabel\nÇa va ?\tyes\n', 'utf16le')]);
    const dataset = await load('datasets/x.tsv', utf16);
    expect([...dataset.cases][0].columns).toEqual({ input: 'Ça va ?', label: 'yes' });
  });

  it.each([
    ['semicolon', 'input;should_trigger\nWrite 2,000 words;yes\n'],
    ['tab', 'input\tshould_trigger\nWrite 2,000 words\tyes\n'],
  ])('detects %s delimiters from the header line', async (_name, text) => {
    const dataset = await load(FILE, text);
    expect([...dataset.cases][0].columns).toEqual({ input: 'Write 2,000 words', should_trigger: 'yes' });
  });

  it('ignores delimiters inside a quoted header cell when detecting', () => {
    expect(detectDelimiter('"a;b;c",d\n')).toBe(',');
    expect(detectDelimiter('input\n')).toBe(',');
  });

  it('trims header names and cells but keeps inner newlines', async () => {
    const dataset = await load(FILE, ' input , label \n"  line one\nline two  ", yes \n');
    expect([...dataset.cases][0].columns).toEqual({ input: 'line one\nline two', label: 'yes' });
  });

  it('counts blank lines as rows (as Excel shows them) but skips blank rows', async () => {
    const dataset = await load(FILE, 'input,label\nfirst,yes\n\n,\nsecond,no\n\n\n');
    expect([...dataset.cases].map((c) => [c.row, c.columns.input])).toEqual([
      [2, 'first'],
      [5, 'second'],
    ]);
  });

  it('reports ragged rows by row number', async () => {
    expect(await problems(FILE, 'input,label\nok,yes\ntoo,many,cells\nshort\n')).toEqual([
      'datasets/canvas-trigger.csv:3: row has 3 cells, the header has 2',
      'datasets/canvas-trigger.csv:4: row has 1 cell, the header has 2',
    ]);
  });

  it('reports a quote that is never closed', async () => {
    expect(await problems(FILE, 'input,label\nok,yes\n"never closed,no\n')).toEqual([
      'datasets/canvas-trigger.csv:3: a quoted cell is never closed (a " is missing), so the rest of the file is read as one cell',
    ]);
  });

  it('reports empty and duplicate header names', async () => {
    expect(await problems(FILE, 'input,,label,label\nhi,oops,yes,no\n')).toEqual([
      'datasets/canvas-trigger.csv:1: column B has no name in the header row but has values (row 2)',
      'datasets/canvas-trigger.csv:1: column "label": appears twice in the header (columns C and D); rename one',
    ]);
  });

  it('ignores a nameless column with nothing under it (trailing separators in exports)', async () => {
    const dataset = await load(FILE, 'input,label,\nhi,yes,\n');
    expect(dataset.columns).toEqual(['input', 'label']);
    expect([...dataset.cases][0].columns).toEqual({ input: 'hi', label: 'yes' });
  });

  it('reports an empty first row instead of a list of missing columns', async () => {
    expect(await problems(FILE, '\ninput\nhi\n')).toEqual(['datasets/canvas-trigger.csv:1: the header row is empty; put the column names (input, ...) in row 1']);
  });
});
