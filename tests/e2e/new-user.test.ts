import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/temp-dir.js';

// Issue 6, tried as a new user: an empty folder, `evals init`, three cases of our own typed into
// the sheet and saved by a spreadsheet app, validate, run, and the results read back in the workbook.

const PM_COLUMNS = ['id', 'input', 'should_trigger', 'current_behavior', 'ideal_behavior', 'why', 'notes', 'tags'];

// Our own cases for the template's reminder behaviour. The conversation row fails for "current":
// the product promised to remember instead of creating the reminder.
const OUR_ROWS = [
  PM_COLUMNS,
  [
    'water-plants',
    'Remind me to water the plants at 6pm',
    'yes',
    "→ create_reminder(title: Water the plants, time: 18:00)\nDone: I'll remind you at 6:00 PM.",
    "→ create_reminder(title: Water the plants, time: 18:00)\nDone: I'll remind you at 6:00 PM.",
    'A direct request with a time.',
    '',
    'single-turn',
  ],
  ['pi-question', 'Remind me what pi is, to two decimals?', 'no', '3.14', 'Pi is about 3.14.', '"Remind me what…" is a question.', '', 'negative'],
  [
    'meds-yes-please',
    'user: I keep forgetting my vitamins\nassistant: Want me to remind you every morning?\nuser: yes, at 8',
    'yes',
    "Okay, I'll try to remember!",
    '→ create_reminder(title: Take vitamins, time: 08:00)\nDone: every morning at 8:00 AM.',
    'The user accepts the offer in the last turn.',
    'Fails today: the assistant only promises.',
    'multi-turn',
  ],
];

/** The rows as Excel's "CSV UTF-8" saves them: a BOM, CRLF line ends, quotes only where needed. */
function spreadsheetCsv(rows: string[][]): string {
  const quote = (cell: string) => (/[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  return `\ufeff${rows.map((row) => row.map((cell) => quote(cell).replace(/\n/g, '\r\n')).join(',')).join('\r\n')}\r\n`;
}

function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value;
  return value === null || value === undefined ? '' : String(value);
}

describe('a new user, from an empty folder to results in a workbook', () => {
  it('init, fill three rows, validate, run, report --format xlsx', async () => {
    const cwd = makeTempDir('new-user');

    const init = await runCli(['init', 'my-behaviour'], { cwd });
    expect(init.code, init.stderr).toBe(0);
    // What it printed is the user's only guide: the sheet to edit and the two commands to run next.
    expect(init.stdout).toContain('datasets/my-behaviour.csv');
    expect(init.stdout).toContain('evals validate my-behaviour');
    expect(init.stdout).toContain('evals run my-behaviour');
    const sheetPath = path.join(cwd, 'datasets', 'my-behaviour.csv');
    const template = readFileSync(sheetPath, 'utf8').replace(/^\ufeff/, '');
    expect(template.split(/\r?\n/)[0]).toBe(PM_COLUMNS.join(','));

    writeFileSync(sheetPath, spreadsheetCsv(OUR_ROWS));

    const validate = await runCli(['validate', 'my-behaviour'], { cwd });
    expect(validate.code, validate.stdout + validate.stderr).toBe(0);
    expect(validate.stdout).toMatch(/suites\/my-behaviour\.yaml: 3 cases, \d+ warnings?, 0 errors/);
    expect(validate.stdout).toContain('current (column current_behavior) passes 2/3');

    const run = await runCli(['run', 'my-behaviour'], { cwd });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stderr).toContain('skipped system prompted: set OPENAI_API_KEY to run it');
    const runs = readdirSync(path.join(cwd, 'reports', 'my-behaviour')).filter((name) => /^\d{8}-/.test(name)); // run folders, not baseline.json or history.jsonl
    expect(runs).toHaveLength(1);
    const runId = runs[0];
    expect(run.stdout).toContain(`run ${runId}`);
    const runDir = path.join(cwd, 'reports', 'my-behaviour', runId);

    const report = await runCli(['report', runId, '--format', 'xlsx'], { cwd });
    expect(report.code, report.stderr).toBe(0);
    expect(report.stdout + report.stderr).toContain(path.join('reports', 'my-behaviour', runId, 'results.xlsx'));

    const results = readFileSync(path.join(runDir, 'results.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { caseId: string; system: string; status: string });
    // results.jsonl is in the order answers finish: compared sorted by case.
    expect(results.map((r) => [r.caseId, r.system, r.status]).sort()).toEqual([
      ['meds-yes-please', 'current', 'fail'],
      ['pi-question', 'current', 'pass'],
      ['water-plants', 'current', 'pass'],
    ]);

    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path.join(runDir, 'results.xlsx'));
    expect(book.worksheets.map((s) => s.name)).toEqual(['Summary', 'my-behaviour']);
    const sheet = book.getWorksheet('my-behaviour')!;
    const header = (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(String);
    // The PM's columns as they were, then the output, verdict and reason of each system that ran.
    expect(header).toEqual([...PM_COLUMNS, 'current_output', 'current_verdict', 'current_reason']);
    const rows = OUR_ROWS.slice(1).map((_, index) => sheet.getRow(index + 2));
    const column = (name: string) => header.indexOf(name) + 1;
    rows.forEach((row, index) => {
      for (const name of PM_COLUMNS) expect(cellText(row.getCell(column(name)))).toBe(OUR_ROWS[index + 1][column(name) - 1]);
      const result = results.find((r) => r.caseId === cellText(row.getCell(column('id'))));
      expect(cellText(row.getCell(column('current_verdict')))).toBe(result?.status);
    });
    expect(cellText(rows[2].getCell(column('current_output')))).toBe("Okay, I'll try to remember!");
    expect(cellText(rows[2].getCell(column('current_reason')))).toBe('tool-called: expected a call to create_reminder, got no tool call; tool-args: create_reminder was not called');
    expect(cellText(rows[0].getCell(column('current_output')))).toContain('create_reminder(title: "Water the plants", time: "18:00")');
    expect(sheet.rowCount).toBe(4);
  });
});
