import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { LABEL_HELP } from '../../src/dataset/labels.js';
import { loadDataset, type Dataset } from '../../src/dataset/load.js';
import { ConfigurationError, formatProblem } from '../../src/errors.js';
import type { Case } from '../../src/types.js';
import { exampleRows, rowOf, SHEET, toExcelCsv } from './example-data.js';
import { excelLikeWorkbook, type Formulas } from './excel-like.js';
import { googleSheetsWorkbook } from './google-sheets.js';
import { hasSoffice, sofficeConvert } from './soffice.js';

// The same sheet saved by Excel, Google Sheets and LibreOffice must give the same cases as its CSV:
// a PM should never have to care which app wrote the file.

const LABELS = { labelColumns: ['should_trigger'] };
const FORMULAS: Formulas = { 'ct-tricky-formula': { tags: 'CONCATENATE("writing",", ","draft")', score: '1/4' } };

const dir = mkdtempSync(path.join(os.tmpdir(), 'evals-workbooks-'));
const rows = exampleRows();

function write(name: string, content: string | Uint8Array): string {
  const file = path.join(dir, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
  return file;
}

const load = (file: string, sheet?: string) => loadDataset(path.relative(dir, file), { baseDir: dir, ...LABELS, ...(sheet ? { sheet } : {}) });

/** The formatted problems loading `file` raises; fails when it loads. */
async function problems(file: string, sheet?: string): Promise<string[]> {
  const error = await load(file, sheet).then(
    () => new Error(`expected ${file} not to load`),
    (e: unknown) => e,
  );
  if (!(error instanceof ConfigurationError)) throw error;
  return error.problems.map(formatProblem);
}

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

let fromCsv: Dataset;
let csvFile: string;

beforeAll(async () => {
  csvFile = write(`csv/${SHEET}.csv`, toExcelCsv(rows));
  fromCsv = await load(csvFile);
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
});

describe('a workbook stored as Excel stores it', () => {
  let file: string;
  beforeAll(async () => {
    file = write('excel/behaviours.xlsx', await excelLikeWorkbook(rows, FORMULAS));
  });

  it('really has shared strings, booleans, a cached formula result, date formats and a merged bold header', async () => {
    const zip = await JSZip.loadAsync(readFileSync(file));
    const sheet = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    expect(zip.file('xl/sharedStrings.xml')).not.toBeNull();
    expect(sheet).toMatch(/<c r="C56"[^>]* t="b"><v>1<\/v><\/c>/);
    expect(sheet).toContain('<f>CONCATENATE(&quot;writing&quot;,&quot;, &quot;,&quot;draft&quot;)</f><v>writing, draft</v>');
    expect(sheet).toContain('<mergeCell ref="L1:M1"/>');
    expect(await zip.file('xl/styles.xml')!.async('string')).toMatch(/formatCode="dd\/mm\/yyyy"/);
  });

  it('loads to the same cases as the CSV', async () => {
    const fromBook = await load(file, SHEET);
    expect(fromBook.file).toBe(`excel/behaviours.xlsx#${SHEET}`);
    expect(fromBook.columns).toEqual(fromCsv.columns);
    expect(withoutFile(fromBook.cases)).toEqual(withoutFile(fromCsv.cases));
  });
});

describe.each(['shared', 'inline'] as const)('a Google Sheets export with %s strings', (strings) => {
  it('loads to the same cases as the CSV', async () => {
    const file = write(`google-${strings}/behaviours.xlsx`, await googleSheetsWorkbook(rows, strings, FORMULAS));
    const zip = await JSZip.loadAsync(readFileSync(file));
    expect(zip.file('xl/sharedStrings.xml') !== null).toBe(strings === 'shared');
    const fromBook = await load(file);
    expect(fromBook.file).toBe(`google-${strings}/behaviours.xlsx#${SHEET}`);
    expect(withoutFile(fromBook.cases)).toEqual(withoutFile(fromCsv.cases));
  });
});

describe('a bad label in row 14', () => {
  const broken = rows.map((row) => [...row]);
  broken[rowOf(broken, 'ct-anniversary-poem') - 1][2] = 'yess';

  it('is named by the cell the spreadsheet shows, in every app\'s workbook, and by row in the CSV', async () => {
    expect(rowOf(broken, 'ct-anniversary-poem')).toBe(14);
    const csv = write('broken/canvas-trigger.csv', toExcelCsv(broken));
    expect(await problems(csv)).toEqual([`broken/canvas-trigger.csv:14: column "should_trigger": "yess" ${LABEL_HELP}`]);
    const books = {
      excel: await excelLikeWorkbook(broken, FORMULAS),
      'google-shared': await googleSheetsWorkbook(broken, 'shared', FORMULAS),
      'google-inline': await googleSheetsWorkbook(broken, 'inline', FORMULAS),
    };
    for (const [app, bytes] of Object.entries(books)) {
      const file = write(`broken/${app}.xlsx`, bytes);
      expect(await problems(file, SHEET)).toEqual([`broken/${app}.xlsx: ${SHEET}!C14: column "should_trigger": "yess" ${LABEL_HELP}`]);
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
  beforeAll(() => {
    // CI installs libreoffice-calc-nogui (.ci/run); a missing soffice must fail loudly, not skip.
    if (!hasSoffice()) throw new Error('soffice not found: install LibreOffice Calc (apt-get install -y --no-install-recommends libreoffice-calc-nogui)');
  });

  let calcBook: string;
  let fromCalcBook: Dataset;

  it('opening the CSV and saving it as .xlsx loads the same cases, except what Calc retypes on import', async () => {
    calcBook = await sofficeConvert(csvFile, 'xlsx', path.join(dir, 'calc'));
    fromCalcBook = await load(calcBook);
    expect(fromCalcBook.file).toBe(`calc/${SHEET}.xlsx#${SHEET}`);
    expect(differences(fromCsv, fromCalcBook)).toEqual(CALC_RETYPED);
    // Dates typed as ISO days are real dates in Calc's file, and still read as the sheet shows them.
    const sheet = await (await JSZip.loadAsync(readFileSync(calcBook))).file('xl/worksheets/sheet1.xml')!.async('string');
    expect(sheet).toMatch(/<c r="L56" s="\d+" t="n"><v>46352<\/v><\/c>/);
    expect(fromCalcBook.cases.find((c) => c.id === 'ct-tricky-conversation')!.columns.reviewed_on).toBe('2026-11-26');
  }, 180_000);

  it('saving that workbook back as CSV loads exactly as the workbook does', async () => {
    const csv = await sofficeConvert(calcBook, 'csv', path.join(dir, 'calc-csv'));
    const fromCalcCsv = await load(csv);
    expect(fromCalcCsv.columns).toEqual(fromCalcBook.columns);
    expect(withoutFile(fromCalcCsv.cases)).toEqual(withoutFile(fromCalcBook.cases));
  }, 180_000);

  it('saving the Excel workbook as CSV gives back the original CSV\'s cases, formats and all', async () => {
    const book = write(`excel-for-calc/${SHEET}.xlsx`, await excelLikeWorkbook(rows, FORMULAS));
    const csv = await sofficeConvert(book, 'csv', path.join(dir, 'excel-csv'));
    expect(readFileSync(csv, 'utf8')).toContain('"1,000",2026-11-26');
    const fromExcelCsv = await load(csv);
    expect(withoutFile(fromExcelCsv.cases)).toEqual(withoutFile(fromCsv.cases));
  }, 180_000);

  it('names a bad label by the cell Calc shows', async () => {
    const broken = rows.map((row) => [...row]);
    broken[rowOf(broken, 'ct-anniversary-poem') - 1][2] = 'yess';
    const brokenCsv = write(`calc-broken/${SHEET}.csv`, toExcelCsv(broken));
    const book = await sofficeConvert(brokenCsv, 'xlsx', path.join(dir, 'calc-broken'));
    expect(await problems(book)).toEqual([`calc-broken/${SHEET}.xlsx: ${SHEET}!C14: column "should_trigger": "yess" ${LABEL_HELP}`]);
  }, 180_000);
});
