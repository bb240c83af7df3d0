import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { renderResultsXlsx, sheetName } from '../../src/report/xlsx-writeback.js';
import { PAYLOADS, reportFixture } from '../helpers/report-fixture.js';

async function readBack(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook;
}

function columnOf(sheet: ExcelJS.Worksheet, name: string): number {
  const header = sheet.getRow(1).values as unknown[];
  const index = header.indexOf(name);
  if (index < 1) throw new Error(`no column ${name}`);
  return index;
}

function rowOf(sheet: ExcelJS.Worksheet, id: string): ExcelJS.Row {
  for (let r = 2; r <= sheet.rowCount; r++) if (sheet.getRow(r).getCell(1).value === id) return sheet.getRow(r);
  throw new Error(`no row ${id}`);
}

describe('renderResultsXlsx', () => {
  test("a Summary tab, then a sheet named after the suite: the PM's columns, then each system's output, verdict and reason", async () => {
    const { data } = await reportFixture();
    const workbook = await readBack(await renderResultsXlsx(data));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Summary', 'canvas-trigger']);
    const sheet = workbook.worksheets[1];
    expect((sheet.getRow(1).values as unknown[]).slice(1, 8)).toEqual(['id', 'input', 'should_trigger', 'ideal_behavior', 'why', 'notes', 'current_output']);
    expect(sheet.rowCount).toBe(7);
    const pipes = rowOf(sheet, 'pipes');
    expect(pipes.getCell(columnOf(sheet, 'candidate_output')).value).toBe(`a | b\nc | d ${PAYLOADS.link}`);
    expect(pipes.getCell(columnOf(sheet, 'candidate_reason')).value).toBe('tool-called: expected canvas to be called; no tool was called');
  });

  test('header row is bold and frozen', async () => {
    const { data } = await reportFixture();
    const sheet = (await readBack(await renderResultsXlsx(data))).worksheets[1];
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  test('verdict cells are green for pass, red for fail, grey for error', async () => {
    const { data } = await reportFixture();
    const sheet = (await readBack(await renderResultsXlsx(data))).worksheets[1];
    const verdict = columnOf(sheet, 'candidate_verdict');
    const colour = (id: string) => {
      const fill = rowOf(sheet, id).getCell(verdict).fill as ExcelJS.FillPattern;
      return [rowOf(sheet, id).getCell(verdict).value, fill.fgColor?.argb];
    };
    expect(colour('capital')).toEqual(['pass', 'FFC6EFCE']);
    expect(colour('write-essay')).toEqual(['fail', 'FFFFC7CE']);
    expect(colour('timeout')).toEqual(['error', 'FFD9D9D9']);
  });

  test('formula-looking text is stored as a string cell exactly as written, never as a formula', async () => {
    const { data } = await reportFixture();
    const sheet = (await readBack(await renderResultsXlsx(data))).worksheets[1];
    const cell = rowOf(sheet, 'formula').getCell(columnOf(sheet, 'candidate_output'));
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.formula).toBeUndefined();
    expect(cell.value).toBe(`→ canvas(type: "document")\n${PAYLOADS.formula}`);
    const input = rowOf(sheet, 'formula').getCell(columnOf(sheet, 'input'));
    expect(input.type).toBe(ExcelJS.ValueType.String);
    expect(input.value).toBe('@SUM(A1) please');
  });

  test('a suite named "summary" keeps its cases on a tab of its own', async () => {
    const { data } = await reportFixture();
    data.suite = 'summary';
    expect((await readBack(await renderResultsXlsx(data))).worksheets.map((s) => s.name)).toEqual(['Summary', 'summary-cases']);
  });

  test('sheet names follow Excel rules', () => {
    expect(sheetName('a/b:c*?[d]')).toBe('a-b-c---d-');
    expect(sheetName('x'.repeat(40))).toHaveLength(31);
  });
});

test('cells longer than Excel allows are cut, saying so', async () => {
  const { data } = await reportFixture();
  data.results.get('pipes', 'candidate')[0].output!.text = 'x'.repeat(40_000);
  const sheet = (await readBack(await renderResultsXlsx(data))).worksheets[1];
  const value = String(rowOf(sheet, 'pipes').getCell(columnOf(sheet, 'candidate_output')).value);
  expect(value.length).toBeLessThanOrEqual(32_767);
  expect(value).toMatch(/… \(\+\d+ chars\)$/);
});
