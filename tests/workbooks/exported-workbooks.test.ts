import { readFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { LABEL_HELP } from '../../src/dataset/labels.js';
import { loadDataset, type Dataset as LoadedDataset } from '../../src/dataset/load.js';
import { inArray } from '../dataset/fixture.js';
import type { Case as ArrayCase } from '../../src/types.js';
import { ConfigurationError, formatProblem } from '../../src/errors.js';
import type { Case } from '../../src/types.js';
import { repoRoot } from '../helpers/cli.js';
import { BAD_LABEL, exampleRows, rowOf, SHEET } from './example-data.js';
import { EXPORTED, fixtureInputs, sha256, type Manifest } from './exported-fixtures.js';

/** A loaded dataset with its cases read into an array, so the tests can index them. */
type Dataset = LoadedDataset & { cases: ArrayCase[] };

// The same sheet saved by Excel, Google Sheets and LibreOffice must give the same cases as its CSV:
// a PM should never have to care which app wrote the file. The files were saved once by the programs
// (tests/fixtures/workbooks/exported/README.md) and are only read here: no LibreOffice needed.

const LABELS = { labelColumns: ['should_trigger'] };
const dir = path.join(repoRoot, EXPORTED);

const load = async (file: string, sheet?: string) => inArray(await loadDataset(file, { baseDir: dir, ...LABELS, ...(sheet ? { sheet } : {}) }));

/** The formatted problems loading `file` raises; fails when it loads. */
async function problems(file: string, sheet?: string): Promise<string[]> {
  const error = await load(file, sheet).then(
    () => new Error(`expected ${file} not to load`),
    (e: unknown) => e,
  );
  if (!(error instanceof ConfigurationError)) throw error;
  return error.problems.map(formatProblem);
}

const sheetXml = async (file: string) => (await JSZip.loadAsync(readFileSync(path.join(dir, file)))).file('xl/worksheets/sheet1.xml')!.async('string');

const withoutFile = (cases: Case[]) => cases.map(({ file: _file, ...rest }) => rest);

interface Difference {
  id: string;
  column: string;
  csv: string;
  workbook: string;
}

/** Cells that load differently; everything but the columns listed must be equal. */
function differences(expected: Dataset, actual: Dataset): Difference[] {
  expect(actual.columns).toEqual(expected.columns);
  expect(actual.cases.map((c) => [c.id, c.row])).toEqual(expected.cases.map((c) => [c.id, c.row]));
  const found: Difference[] = [];
  expected.cases.forEach((kase, index) => {
    const other = actual.cases[index];
    expect(other.messages).toEqual(kase.messages);
    for (const column of expected.columns) {
      if (other.columns[column] !== kase.columns[column]) {
        found.push({ id: kase.id, column, csv: kase.columns[column], workbook: other.columns[column] });
      }
    }
  });
  return found;
}

const bad = (where: string) => [`${where}: column "${BAD_LABEL.column}": "${BAD_LABEL.value}" ${LABEL_HELP}`];

let fromCsv: Dataset;

beforeAll(async () => {
  fromCsv = await load(`excel/${SHEET}.csv`);
});

describe('the committed exports', () => {
  const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;

  it('were made from the current example rows and generator', () => {
    expect(manifest.inputs, 'the workbook fixtures are stale: run npm run fixtures:workbooks (needs LibreOffice)').toEqual(fixtureInputs(repoRoot));
  });

  it('are the files the generator wrote, unedited', () => {
    const onDisk = Object.fromEntries(Object.keys(manifest.files).map((file) => [file, sha256(readFileSync(path.join(dir, file)))]));
    expect(onDisk, 'a workbook fixture was edited by hand: run npm run fixtures:workbooks').toEqual(manifest.files);
    expect(Object.keys(manifest.files)).toHaveLength(12);
  });
});

describe('the example data', () => {
  it('has the shipped cases and the tricky rows, with the cells that trip spreadsheet apps up', () => {
    expect(fromCsv.cases).toHaveLength(59);
    const byId = new Map(fromCsv.cases.map((c) => [c.id, c]));
    const conversation = byId.get('ct-tricky-conversation')!;
    expect(conversation.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(conversation.messages[2].content).toBe('Topic is "urban heat islands".\n\nMake it about 1,000 words, I\'ll edit it with you.');
    expect(conversation.columns).toMatchObject({ should_trigger: 'TRUE', score: '0.5', word_count: '1,000', reviewed_on: '2026-11-26' });
    expect(byId.get('ct-tricky-spaces')!.columns).toMatchObject({ input: "What's 2+2?", should_trigger: 'FALSE', current_behavior: '4.' });
    expect(byId.get('ct-tricky-unicode')!.columns.input).toBe('Écris un poème de 4 lignes sur la mer 🌊 « vague » 海');
  });

  it('is saved as Excel\'s "CSV UTF-8" writes it: a BOM and CRLF, inside quoted cells too', () => {
    const csv = readFileSync(path.join(dir, `excel/${SHEET}.csv`), 'utf8');
    expect(csv.startsWith('\ufeffid,input,')).toBe(true);
    expect(csv).toContain('"user: I\'m writing my thesis intro, can you help?\r\nassistant:');
    expect(csv.replace(/\r\n/g, '')).not.toContain('\n');
  });
});

describe('a workbook stored as Excel stores it', () => {
  const file = `excel/${SHEET}.xlsx`;

  it('really has shared strings, booleans, a cached formula result, date formats and a merged bold header', async () => {
    const zip = await JSZip.loadAsync(readFileSync(path.join(dir, file)));
    const sheet = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    expect(zip.file('xl/sharedStrings.xml')).not.toBeNull();
    expect(sheet).toMatch(/<c r="C56"[^>]* t="b"><v>1<\/v><\/c>/);
    expect(sheet).toContain('<f>CONCATENATE(&quot;writing&quot;,&quot;, &quot;,&quot;draft&quot;)</f><v>writing, draft</v>');
    expect(sheet).toContain('<mergeCell ref="L1:M1"/>');
    expect(await zip.file('xl/styles.xml')!.async('string')).toMatch(/formatCode="dd\/mm\/yyyy"/);
  });

  it('loads to the same cases as the CSV', async () => {
    const fromBook = await load(file, SHEET);
    expect(fromBook.file).toBe(`${file}#${SHEET}`);
    expect(fromBook.columns).toEqual(fromCsv.columns);
    expect(withoutFile(fromBook.cases)).toEqual(withoutFile(fromCsv.cases));
  });
});

describe.each(['shared', 'inline'] as const)('a Google Sheets export with %s strings', (strings) => {
  it('loads to the same cases as the CSV', async () => {
    const file = `google-sheets-${strings}/${SHEET}.xlsx`;
    const zip = await JSZip.loadAsync(readFileSync(path.join(dir, file)));
    expect(zip.file('xl/sharedStrings.xml') !== null).toBe(strings === 'shared');
    expect(await sheetXml(file)).toContain(strings === 'shared' ? 't="s"' : 't="inlineStr"');
    const fromBook = await load(file);
    expect(fromBook.file).toBe(`${file}#${SHEET}`);
    expect(withoutFile(fromBook.cases)).toEqual(withoutFile(fromCsv.cases));
  });
});

describe('a bad label in row 14', () => {
  it("is named by the cell the spreadsheet shows, in every app's workbook, and by row in the CSV", async () => {
    expect(rowOf(exampleRows(repoRoot), BAD_LABEL.id)).toBe(14);
    expect(await problems(`excel/${SHEET}-bad-label.csv`)).toEqual(bad(`excel/${SHEET}-bad-label.csv:14`));
    for (const app of ['excel', 'google-sheets-shared', 'google-sheets-inline']) {
      const file = `${app}/${SHEET}-bad-label.xlsx`;
      expect(await problems(file, SHEET)).toEqual(bad(`${file}: ${SHEET}!C14`));
    }
  });
});

// Calc's CSV import (the dialog's defaults) turns text that parses as a number into that number, shown
// in the General format: "1,000" becomes 1000 and "4." becomes 4, in the cell itself. The loader reads
// what the cell shows, so these are Calc's changes to the data, listed here so a new one is noticed.
const CALC_RETYPED: Difference[] = [
  { id: 'ct-tricky-conversation', column: 'word_count', csv: '1,000', workbook: '1000' },
  { id: 'ct-tricky-unicode', column: 'word_count', csv: '12,500', workbook: '12500' },
  { id: 'ct-tricky-spaces', column: 'current_behavior', csv: '4.', workbook: '4' },
  { id: 'ct-tricky-spaces', column: 'ideal_behavior', csv: '4.', workbook: '4' },
  { id: 'ct-tricky-formula', column: 'word_count', csv: '2,048', workbook: '2048' },
];

describe('LibreOffice Calc', () => {
  const calcBook = `libreoffice/${SHEET}.xlsx`;
  let fromCalcBook: Dataset;

  beforeAll(async () => {
    fromCalcBook = await load(calcBook);
  });

  it('opening the CSV and saving it as .xlsx loads the same cases, except what Calc retypes on import', async () => {
    expect(fromCalcBook.file).toBe(`${calcBook}#${SHEET}`);
    expect(differences(fromCsv, fromCalcBook)).toEqual(CALC_RETYPED);
    // Dates typed as ISO days are real dates in Calc's file, and still read as the sheet shows them.
    expect(await sheetXml(calcBook)).toMatch(/<c r="L56" s="\d+" t="n"><v>46352<\/v><\/c>/);
    expect(fromCalcBook.cases.find((c) => c.id === 'ct-tricky-conversation')!.columns.reviewed_on).toBe('2026-11-26');
  });

  it('saving that workbook back as CSV loads exactly as the workbook does', async () => {
    const fromCalcCsv = await load(`libreoffice/${SHEET}.csv`);
    expect(fromCalcCsv.columns).toEqual(fromCalcBook.columns);
    expect(withoutFile(fromCalcCsv.cases)).toEqual(withoutFile(fromCalcBook.cases));
  });

  it("saving the Excel workbook as CSV gives back the original CSV's cases, formats and all", async () => {
    const csv = 'libreoffice/from-excel-xlsx.csv';
    expect(readFileSync(path.join(dir, csv), 'utf8')).toContain('"1,000",2026-11-26');
    const fromExcelCsv = await load(csv);
    expect(withoutFile(fromExcelCsv.cases)).toEqual(withoutFile(fromCsv.cases));
  });

  it('names a bad label by the cell Calc shows', async () => {
    const book = `libreoffice/${SHEET}-bad-label.xlsx`;
    expect(await problems(book)).toEqual(bad(`${book}: ${SHEET}!C14`));
  });
});
