import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDataset, type Dataset as LoadedDataset } from '../../src/dataset/load.js';
import type { Case as ArrayCase } from '../../src/types.js';
import { formatProblem } from '../../src/errors.js';
import { repoRoot } from '../helpers/cli.js';
import { inArray, load } from './fixture.js';

/** A loaded dataset with its cases read into an array, so the tests can index them. */
type Dataset = LoadedDataset & { cases: ArrayCase[] };

// One sheet, saved four ways (see tests/fixtures/unicode-text/README.md): as a workbook, as
// LibreOffice's UTF-8 CSV and UTF-16 text, and in the exact shape of Excel's "Unicode Text". A PM
// should get the same cases whichever they saved.

const DIR = path.join(repoRoot, 'tests', 'fixtures', 'unicode-text');
const bytesOf = (name: string) => readFileSync(path.join(DIR, name));
const loadFixture = async (name: string, sheet?: string) => inArray(await loadDataset(name, { baseDir: DIR, labelColumns: ['should_trigger'], ...(sheet ? { sheet } : {}) }));

/** What must not depend on the file format: everything but Case.file. */
function essence(dataset: Dataset) {
  return {
    columns: dataset.columns,
    cases: [...dataset.cases].map(({ file: _file, ...kase }) => kase),
    warnings: dataset.warnings.map(({ row, column, message }) => ({ row, column, message })),
  };
}

let fromCsv: Dataset;
beforeAll(async () => {
  fromCsv = await loadFixture('libreoffice.csv');
});

describe('the sheet, as its UTF-8 CSV', () => {
  it('has the cells that trip text exports up: commas, quotes, line breaks, tabs, emoji, no id', () => {
    expect(fromCsv.columns).toEqual(['id', 'input', 'should_trigger', 'notes']);
    expect(fromCsv.cases.map((c) => c.row)).toEqual([2, 3, 4, 5, 6, 7]);
    const byId = new Map(fromCsv.cases.map((c) => [c.id, c]));
    expect(byId.get('essay')?.messages).toEqual([{ role: 'user', content: 'Write a 2,000-word essay about rain, please' }]);
    expect(byId.get('cover-letter')?.messages).toEqual([
      { role: 'user', content: 'Draft a cover letter' },
      { role: 'assistant', content: 'For which job?' },
      { role: 'user', content: 'A "senior" PM role at Acme' },
    ]);
    expect(byId.get('table')?.columns).toMatchObject({ input: 'Turn this into a table:\nname\tage\nAda\t36', notes: '' });
    const derived = fromCsv.cases.find((c) => c.row === 6);
    expect(derived?.id).toMatch(/^c-/);
    expect(derived?.messages[0].content).toBe('Ça va ? Réponds en 日本語 🙂');
  });

  it('warns about the near-miss role label and reads that cell as plain text', () => {
    expect(fromCsv.warnings.map(formatProblem)).toEqual(['libreoffice.csv:7: column "input": first line starts with "usr:"; did you mean "user:"? (read as plain text)']);
    expect(fromCsv.cases.find((c) => c.id === 'typo')?.messages).toEqual([{ role: 'user', content: 'usr: remind me at 7pm' }]);
  });
});

describe('UTF-16 tab-separated text exports', () => {
  it.each([
    ['LibreOffice "Text CSV" with the Unicode character set', 'libreoffice.txt'],
    ['Excel\'s "Unicode Text" shape', 'excel-unicode-text.txt'],
  ])('%s loads to exactly the cases of the CSV', async (_name, file) => {
    expect(bytesOf(file).subarray(0, 2)).toEqual(Buffer.from([0xff, 0xfe]));
    const dataset = await loadFixture(file);
    expect(essence(dataset)).toEqual(essence(fromCsv));
    expect([...dataset.cases][0].file).toBe(file);
  });

  it('the workbook the exports were made from loads the same too', async () => {
    expect(essence(await loadFixture('sheet.xlsx', 'cases'))).toEqual(essence(fromCsv));
  });

  it('the Excel-shaped fixture is what Excel writes: CRLF rows, LF inside quoted cells, "" for quotes', () => {
    const text = bytesOf('excel-unicode-text.txt').subarray(2).toString('utf16le');
    const rows = text.split('\r\n');
    expect(rows).toHaveLength(8); // header, six cases, and the empty string after the last CRLF
    expect(rows.at(-1)).toBe('');
    expect(rows[0]).toBe('id\tinput\tshould_trigger\tnotes');
    expect(rows[1]).toBe('greet\tSay hi\tno\tquick question');
    expect(rows[3]).toBe('cover-letter\t"user: Draft a cover letter\nassistant: For which job?\nuser: A ""senior"" PM role at Acme"\tyes\t"a conversation with ""quotes"""');
    expect(rows[4]).toBe('table\t"Turn this into a table:\nname\tage\nAda\t36"\tyes\t');
    // Outside quoted cells, every line break is a CRLF.
    expect(/(?<!\r)\n/.test(text.replace(/"(?:[^"]|"")*"/g, ''))).toBe(false);
  });

  it('reads a UTF-16 export saved with a .csv or .tsv name the same way', async () => {
    const bytes = bytesOf('excel-unicode-text.txt');
    for (const file of ['datasets/export.csv', 'datasets/export.tsv']) {
      expect(essence(await load(file, bytes, { labelColumns: ['should_trigger'] }))).toEqual(essence(fromCsv));
    }
  });

  it('reads UTF-16 without a BOM (another program than Excel) like the same file with one', async () => {
    const bytes = bytesOf('excel-unicode-text.txt').subarray(2);
    expect(essence(await load('datasets/export.txt', bytes, { labelColumns: ['should_trigger'] }))).toEqual(essence(fromCsv));
  });

  it('keeps tab as the delimiter of a .txt even when its header has commas', async () => {
    const dataset = await load('datasets/x.txt', 'input\tnotes, misc\nhi, there\tok\n');
    expect(dataset.columns).toEqual(['input', 'notes, misc']);
    expect([...dataset.cases][0].columns).toEqual({ input: 'hi, there', 'notes, misc': 'ok' });
  });

  it('reads Excel\'s "Text (Tab delimited)" .txt, which is Windows-1252', async () => {
    const bytes = Buffer.from([...Buffer.from('input\tlabel\r\nCaf'), 0xe9, 0x80, ...Buffer.from('\tyes\r\n')]);
    const dataset = await load('datasets/x.txt', bytes);
    expect([...dataset.cases][0].columns).toEqual({ input: 'Café€', label: 'yes' });
  });
});
