import { describe, expect, it } from 'vitest';
import { MAX_SHEET_CELLS, MAX_UNZIPPED_BYTES, MAX_WORKBOOK_CELLS } from '../../src/dataset/xlsx-limits.js';
import { sheetNamesByPart } from '../../src/dataset/xlsx-sheet-parts.js';
import { repeatedDeflate, rezip } from '../helpers/zip-writer.js';
import { load, problems, workbook } from './fixture.js';

// Workbooks that used to take the process down (a stray far cell, a compression bomb) load or are
// refused with a message naming the file; none is ever inflated or padded past the limits.

const FILE = 'datasets/behaviours.xlsx';
const TABLE = [
  ['id', 'input'],
  ['a', 'Write an essay'],
  ['b', 'What is 2+2?'],
];

describe('XLSX size limits', () => {
  it('reads a sheet with a formatted empty cell at XFD1048576 as just its table', async () => {
    const book = await workbook({ cases: TABLE }, (b) => {
      b.worksheets[0].getCell('XFD1048576').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } };
    });
    const dataset = await load(FILE, book);
    expect(dataset.columns).toEqual(['id', 'input']);
    expect([...dataset.cases].map((c) => c.id)).toEqual(['a', 'b']);
  });

  it('reports stray text at XFD1048576 where it is, without padding a million rows to it', async () => {
    const book = await workbook({ cases: TABLE }, (b) => {
      b.worksheets[0].getCell('XFD1048576').value = 'x';
    });
    expect(await problems(FILE, book)).toEqual([
      'datasets/behaviours.xlsx: cases!XFD1: column XFD has no name in the header row but has values (row 1048576)',
      'datasets/behaviours.xlsx: cases!B1048576: column "input": is empty (every case needs an input)',
    ]);
  });

  it('refuses a sheet whose text spans more cells than the limit, naming the sheet and its size', async () => {
    const rows = Math.ceil(MAX_SHEET_CELLS / 16_384);
    const book = await workbook({ cases: TABLE }, (b) => {
      for (let row = 2; row <= rows; row++) b.worksheets[0].getCell(`XFD${row}`).value = 'stray';
    });
    expect(await problems(FILE, book)).toEqual([
      `datasets/behaviours.xlsx: sheet "cases" is too large to read: ${rows} rows with text × 16,384 columns (A to XFD, for the text in XFD2) = ` +
        `${(rows * 16_384).toLocaleString('en-US')} cells, over the limit of 1,000,000; delete stray cells beyond the table, or save large datasets as CSV UTF-8 or JSONL`,
    ]);
  });

  it('refuses a workbook of more cells than the limit before exceljs reads it, formatted empty cells included', async () => {
    const base = await workbook({ notes: [['x']], cases: TABLE });
    const cells = '<c r="A1" s="0"/>'.repeat(MAX_WORKBOOK_CELLS + 1);
    const sheet = `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">${cells}</row></sheetData></worksheet>`;
    const book = await rezip(base, [{ name: 'xl/worksheets/sheet2.xml', data: sheet }]);
    expect(await problems(FILE, book)).toEqual([
      'datasets/behaviours.xlsx: the workbook has 1,000,002 cells (sheet "cases": 1,000,001, sheet "notes": 1), over the limit of 1,000,000; ' +
        'empty cells with formatting count too, so clear the formatting of unused rows and columns, or save large datasets as CSV UTF-8 or JSONL',
    ]);
  });

  it('refuses a sheet of more rows than Excel allows, which only a crafted file can have', async () => {
    const base = await workbook({ cases: TABLE });
    const sheet = `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${'<row/>'.repeat(1_048_577)}</sheetData></worksheet>`;
    const book = await rezip(base, [{ name: 'xl/worksheets/sheet1.xml', data: sheet }]);
    expect(await problems(FILE, book)).toEqual(['datasets/behaviours.xlsx: sheet "cases" has 1,048,577 rows, more than the 1,048,576 Excel allows: no spreadsheet program wrote this file']);
  });

  it('refuses a workbook whose zip declares more than the limit unzipped, inflating nothing', async () => {
    const base = await workbook({ cases: TABLE });
    const book = await rezip(base, [{ name: 'xl/worksheets/sheet1.xml', data: '<worksheet/>', declaredSize: 4_000_000_000 }]);
    expect(await problems(FILE, book)).toEqual([
      `datasets/behaviours.xlsx: the workbook unzips to 4,001 MB (xl/worksheets/sheet1.xml: 4,000 MB), over the limit of ${MAX_UNZIPPED_BYTES / 1_000_000} MB; save large datasets as CSV UTF-8 or JSONL`,
    ]);
  });

  it('refuses a compression bomb that declares a small size, at the first bytes past it', async () => {
    const base = await workbook({ cases: TABLE });
    // 1 MB of XML-ish text 2,000 times: 2 GB inflated, about 2 MB zipped, declared as 1 KB.
    const deflated = repeatedDeflate(Buffer.from('<row/>'.repeat(174_763)), 2_000);
    const book = await rezip(base, [{ name: 'xl/worksheets/sheet1.xml', deflated, declaredSize: 1_000 }]);
    expect(await problems(FILE, book)).toEqual([
      'datasets/behaviours.xlsx: xl/worksheets/sheet1.xml unzips to more than the 1,000 bytes the zip declares for it: the file is damaged or built to exhaust memory',
    ]);
  });

  it('still reads a blank header cell between named columns at its position', async () => {
    const book = await workbook({
      s: [
        ['input', null, 'notes'],
        ['hi', null, 'n'],
        ['there', 'oops', ''],
      ],
    });
    expect(await problems(FILE, book)).toEqual(['datasets/behaviours.xlsx: s!B1: column B has no name in the header row but has values (row 3)']);
  });
});

describe('sheetNamesByPart', () => {
  it('maps worksheet parts to tab names through the relationships, relative or absolute', () => {
    const workbookXml = '<workbook xmlns:r="r"><sheets><sheet name="Q&amp;A" sheetId="1" r:id="rId2"/><sheet r:id=\'rId1\' sheetId="2" name="cases"/></sheets></workbook>';
    const rels = '<Relationships><Relationship Id="rId1" Type="ws" Target="worksheets/sheet1.xml"/><Relationship Target="/xl/worksheets/sheet2.xml" Id="rId2"/></Relationships>';
    expect([...sheetNamesByPart(workbookXml, rels)]).toEqual([
      ['xl/worksheets/sheet2.xml', 'Q&A'],
      ['xl/worksheets/sheet1.xml', 'cases'],
    ]);
  });
});
