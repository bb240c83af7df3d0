import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeModelServer, type FakeModelServer } from '../helpers/fake-model-server.js';
import { cleanEnv, copyFixtureProject, runCli } from '../helpers/cli.js';
import { canvasBrain, TOY_TRIGGER_IDS } from '../helpers/toy-brain.js';

// The workbook a PM gets back from `evals run --reporter xlsx` opens on a Summary tab: how each
// system did, its regressions against the baseline, errors and cost, before the case rows.

const BROKEN = ['t01', 't03', 't05'];

async function openWorkbook(file: string): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  return book;
}

/** The Summary tab's systems as { column: value }, by its header row. */
function summaryRows(sheet: ExcelJS.Worksheet): Array<Record<string, ExcelJS.CellValue>> {
  const header = (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(String);
  const rows: Array<Record<string, ExcelJS.CellValue>> = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const values = (sheet.getRow(r).values as ExcelJS.CellValue[]).slice(1);
    if (!values.length) break;
    rows.push(Object.fromEntries(header.map((name, i) => [name, values[i] ?? null])));
  }
  return rows;
}

function latestRunDir(project: string): string {
  const runs = readdirSync(path.join(project, 'reports', 'toy'))
    .filter((name) => /^\d{8}-/.test(name)) // run folders, not baseline.json or history.jsonl
    .sort();
  return path.join(project, 'reports', 'toy', runs[runs.length - 1]);
}

describe('results.xlsx written by evals run', () => {
  let server: FakeModelServer;
  let project: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    server = await startFakeModelServer(canvasBrain(TOY_TRIGGER_IDS));
    project = copyFixtureProject('toy');
    // A price for the candidate, so its cost is a number the Summary can show.
    const suiteFile = path.join(project, 'suites', 'toy.yaml');
    writeFileSync(suiteFile, readFileSync(suiteFile, 'utf8').replace('temperature: 0 }', 'temperature: 0, price: { input: 2.5, output: 10 } }'));
    env = cleanEnv({ OPENAI_BASE_URL: server.openaiBaseUrl, OPENAI_API_KEY: 'sk-test' });
  });
  afterAll(() => server.close());

  it('a first run: a Summary tab with pass rates, errors and cost, no regressions counted without a baseline, then the cases', async () => {
    const first = await runCli(['run', 'toy', '--no-cache', '--update-baseline', '--reporter', 'xlsx'], { cwd: project, env });
    expect(first.code, first.stderr).toBe(0);
    const book = await openWorkbook(path.join(latestRunDir(project), 'results.xlsx'));
    expect(book.worksheets.map((s) => s.name)).toEqual(['Summary', 'toy']);
    const summary = book.getWorksheet('Summary')!;
    expect(summaryRows(summary)).toEqual([
      { system: 'current', provider: 'column:current_behavior', 'pass rate': 0.9, pass: 9, fail: 1, errors: 0, regressions: '—', 'cost (USD)': '—' },
      { system: 'candidate', provider: 'openai:fake-model', 'pass rate': 1, pass: 10, fail: 0, errors: 0, regressions: '—', 'cost (USD)': expect.any(Number) },
    ]);
    expect(summaryRows(summary)[1]['cost (USD)']).toBeGreaterThan(0);
    expect(summary.getCell('C2').numFmt).toBe('0.0%');
    expect(summary.getCell('H3').numFmt).toBe('$0.0000');
    const notes = summary.getColumn(1).values.map(String);
    expect(notes.some((text) => text.startsWith('no baseline to compare run'))).toBe(true);
    // The case sheet is still the PM's rows with each system's verdict.
    const cases = book.getWorksheet('toy')!;
    expect(cases.rowCount).toBe(11);
    expect((cases.getRow(1).values as ExcelJS.CellValue[]).slice(1)).toEqual(expect.arrayContaining(['id', 'input', 'candidate_verdict']));
  });

  it('against the baseline: regressions per system, and the baseline named', async () => {
    server.setBrain(canvasBrain(TOY_TRIGGER_IDS.filter((id) => !BROKEN.includes(id))));
    const run = await runCli(['run', 'toy', '--no-cache', '--reporter', 'xlsx'], { cwd: project, env });
    expect(run.code, run.stderr).toBe(1);
    const book = await openWorkbook(path.join(latestRunDir(project), 'results.xlsx'));
    const summary = book.getWorksheet('Summary')!;
    expect(book.worksheets[0].name).toBe('Summary');
    const rows = summaryRows(summary);
    expect(rows.map((r) => [r.system, r['pass rate'], r.regressions, r.errors])).toEqual([
      ['current', 0.9, 0, 0],
      ['candidate', 0.7, 3, 0],
    ]);
    expect(
      summary
        .getColumn(1)
        .values.map(String)
        .some((text) => /passed in the baseline run \S+ and fail in this run \S+/.test(text)),
    ).toBe(true);
  });
});
