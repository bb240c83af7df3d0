import { describe, expect, it } from 'vitest';
import { load, problems, workbook } from './fixture.js';

const FILE = 'datasets/behaviours.xlsx';

describe('XLSX datasets', () => {
  it('loads to the same cases as a CSV with the same data, apart from file', async () => {
    const rows = [
      ['id', 'input', 'should_trigger', 'notes', 'tags'],
      ['long', 'user: Write a 2,000 word essay\nassistant: On what?\nuser: Rain', 'yes', 'needs "canvas"', 'canvas, long'],
      [null, 'What is 2+2?', 'no', null, 'quick'],
    ];
    const csv = 'id,input,should_trigger,notes,tags\n' + 'long,"user: Write a 2,000 word essay\nassistant: On what?\nuser: Rain",yes,"needs ""canvas""","canvas, long"\n' + ',What is 2+2?,no,,quick\n';
    const fromXlsx = await load(FILE, await workbook({ 'canvas-trigger': rows }), { labelColumns: ['should_trigger'] });
    const fromCsv = await load('datasets/canvas-trigger.csv', csv, { labelColumns: ['should_trigger'] });
    expect(fromXlsx.file).toBe('datasets/behaviours.xlsx#canvas-trigger');
    expect(fromXlsx.cases[0].file).toBe('datasets/behaviours.xlsx#canvas-trigger');
    expect(fromXlsx.columns).toEqual(fromCsv.columns);
    const withoutFile = (cases: typeof fromCsv.cases) => cases.map(({ file: _file, ...rest }) => rest);
    expect(withoutFile(fromXlsx.cases)).toEqual(withoutFile(fromCsv.cases));
  });

  it('reads the first sheet by default and another by name, case-insensitively', async () => {
    const book = await workbook({ canvas: [['input'], ['open canvas']], reminders: [['input'], ['remind me']] });
    expect((await load(FILE, book)).cases[0].columns.input).toBe('open canvas');
    expect((await load(FILE, book, { sheet: 'Reminders' })).cases[0].columns.input).toBe('remind me');
  });

  it('reports an unknown sheet with the sheets it has and a did-you-mean', async () => {
    const book = await workbook({ 'canvas-trigger': [['input'], ['x']], reminders: [['input'], ['y']] });
    expect(await problems(FILE, book, { sheet: 'canvas-triger' })).toEqual([
      'datasets/behaviours.xlsx: no sheet "canvas-triger" (did you mean "canvas-trigger"?); the workbook has: canvas-trigger, reminders',
    ]);
  });

  it('names cells as the spreadsheet shows them in problems', async () => {
    const book = await workbook({
      'canvas-trigger': [
        ['id', 'input', 'should_trigger'],
        ['a', 'hi', 'yes'],
        ['b', 'there', 'yess'],
        ['a', 'again', 'no'],
      ],
    });
    const error = await load(FILE, book, { labelColumns: ['should_trigger'] }).catch((e: unknown) => e);
    expect((error as { problems: unknown[] }).problems).toEqual([
      {
        file: FILE,
        row: 3,
        column: 'should_trigger',
        cell: 'canvas-trigger!C3',
        message: '"yess" is not yes/no (use yes, no, true, false, y, n, 1 or 0)',
      },
      { file: FILE, row: 4, column: 'id', cell: 'canvas-trigger!A4', message: 'id "a" is used by rows 2 and 4; ids must be unique' },
    ]);
    expect((error as Error).message).toBe(
      'datasets/behaviours.xlsx: canvas-trigger!C3: column "should_trigger": "yess" is not yes/no (use yes, no, true, false, y, n, 1 or 0)\n' +
        'datasets/behaviours.xlsx: canvas-trigger!A4: column "id": id "a" is used by rows 2 and 4; ids must be unique',
    );
  });

  it('quotes sheet names with spaces and names the header row for missing columns', async () => {
    const book = await workbook({ 'My cases': [['prompt'], ['hi']] });
    expect(await problems(FILE, book)).toEqual(['datasets/behaviours.xlsx: \'My cases\'!1:1: no "input" column; the columns are: prompt']);
  });

  it('reads formulas as their saved results, rich text flattened, booleans and numbers as shown', async () => {
    const book = await workbook(
      {
        s: [
          ['input', 'label', 'score', 'share', 'flag', 'link'],
          [
            { richText: [{ text: 'Write ' }, { font: { bold: true }, text: 'long' }, { text: ' text' }] },
            { formula: 'IF(1,"yes","no")', result: 'yes' },
            3,
            0.25,
            true,
            { text: 'spec', hyperlink: 'https://example.com/spec' },
          ],
        ],
      },
      (b) => {
        b.worksheets[0].getCell('D2').numFmt = '0%';
      },
    );
    const { cases } = await load(FILE, book, { labelColumns: ['label'] });
    expect(cases[0].columns).toEqual({ input: 'Write long text', label: 'yes', score: '3', share: '25%', flag: 'TRUE', link: 'spec' });
  });

  it('reports a formula that was never calculated', async () => {
    const book = await workbook({
      s: [
        ['input', 'label'],
        ['hi', { formula: 'A2&"!"' }],
      ],
    });
    expect(await problems(FILE, book)).toEqual(['datasets/behaviours.xlsx: s!B2: column "label": formula =A2&"!" has no saved value; open the file in Excel and save it again']);
  });

  it('shows dates as ISO when unformatted and through their number format otherwise; now is always ISO', async () => {
    const date = new Date(Date.UTC(2026, 10, 26, 9, 30, 0));
    const book = await workbook(
      {
        s: [
          ['input', 'day', 'shown', 'now'],
          ['hi', new Date(Date.UTC(2026, 10, 26)), date, date],
        ],
      },
      (b) => {
        const sheet = b.worksheets[0];
        sheet.getCell('C2').numFmt = 'dd/mm/yyyy h:mm AM/PM';
        sheet.getCell('D2').numFmt = 'd mmm yy';
      },
    );
    const { cases } = await load(FILE, book);
    expect(cases[0].columns).toMatchObject({ day: '2026-11-26', shown: '26/11/2026 9:30 AM', now: '2026-11-26T09:30:00' });
    expect(cases[0].now).toBe('2026-11-26T09:30:00');
  });

  it('gives a merged header its first column and ignores the empty columns it covers', async () => {
    const book = await workbook({ s: [['input', null, 'label', null, null], ['hi', null, 'yes', null, null], [], []] }, (b) => {
      b.worksheets[0].mergeCells('A1:B1');
      b.worksheets[0].getCell('E1').numFmt = '0.00'; // formatting alone must not add a column
    });
    const dataset = await load(FILE, book, { labelColumns: ['label'] });
    expect(dataset.columns).toEqual(['input', 'label']);
    expect(dataset.cases).toHaveLength(1);
    expect([...dataset.cases][0].columns).toEqual({ input: 'hi', label: 'yes' });
  });

  it('reports data under a nameless header cell by its cell', async () => {
    const book = await workbook({
      s: [
        ['input', null],
        ['hi', 'stray'],
      ],
    });
    expect(await problems(FILE, book)).toEqual(['datasets/behaviours.xlsx: s!B1: column B has no name in the header row but has values (row 2)']);
  });

  it('keeps spreadsheet row numbers across blank rows', async () => {
    const book = await workbook({ s: [['input'], ['first'], [], ['third']] });
    expect((await load(FILE, book)).cases.map((c) => c.row)).toEqual([2, 4]);
  });

  it('reports a file that is not a workbook', async () => {
    const [message] = await problems(FILE, 'input\nhi\n');
    expect(message).toMatch(/^datasets\/behaviours\.xlsx: cannot read the workbook \(.*\); is it a real \.xlsx file\?$/);
  });
});
