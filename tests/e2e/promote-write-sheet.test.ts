import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeModelServer, type FakeModelServer } from '../helpers/fake-model-server.js';
import { cleanEnv, copyFixtureProject, runCli } from '../helpers/cli.js';
import { csvCellSpans } from '../../src/dataset/csv-spans.js';
import { parseRecordedOutput } from '../../src/providers/recorded-output.js';

// `evals promote --write-sheet`: the champion's outputs go into current_behavior and nothing else
// moves. Checked cell by cell: in a CSV the raw bytes of every other cell (quoting, BOM, CRLF), in a
// workbook every other cell's value, on every tab.

const SUITE = (dataset: string) => `name: toy
dataset: ${dataset}
labels: [should_trigger]
systems:
  current: { provider: "column:current_behavior" }
  candidate: { provider: "openai:fake-champ", prompt: prompts/system.md, tools: tools/canvas.json, temperature: 0 }
checks:
  - { type: tool-called, tool: canvas, expect: "{{should_trigger}}" }
`;

/** A model whose answers differ from the sheet's: a canvas call with a comma and quotes in its title on "write" cases. */
function champ(text: string) {
  const writes = /write|draft/i.test(text);
  return { text: writes ? 'Opened a canvas, "as asked".' : 'Short answer.', toolCalls: writes ? [{ name: 'canvas', arguments: { type: 'document', title: 'Draft, v2' } }] : [] };
}

function latestRun(dir: string): string {
  return readdirSync(path.join(dir, 'reports', 'toy'))
    .filter((n) => /^\d{8}-/.test(n))
    .sort()
    .pop()!;
}

describe('evals promote --write-sheet', () => {
  let server: FakeModelServer;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    server = await startFakeModelServer((request) => champ(request.messages.map((m) => m.content).join('\n')));
    env = cleanEnv({ OPENAI_BASE_URL: server.openaiBaseUrl, OPENAI_API_KEY: 'sk-test' });
  });
  afterAll(() => server.close());

  it('CSV: only the current_behavior cells change; every other cell keeps its bytes, the BOM and CRLF stay', async () => {
    const dir = copyFixtureProject('toy');
    writeFileSync(path.join(dir, 'suites', 'toy.yaml'), SUITE('datasets/toy.csv'));
    const csv = path.join(dir, 'datasets', 'toy.csv');
    // As Excel writes it: a BOM, CRLF, and one row whose recorded output already matches (left alone).
    const before = '\uFEFF' + readFileSync(csv, 'utf8').replace('t02,What is the capital of Peru?,no,Lima.', 't02,What is the capital of Peru?,no,"Short answer."').replace(/\r?\n/g, '\r\n');
    writeFileSync(csv, before);
    expect((await runCli(['run', 'toy', '--no-cache'], { cwd: dir, env })).code).toBe(0);
    const promoted = await runCli(['promote', latestRun(dir), '--system', 'candidate', '--write-sheet'], { cwd: dir, env });
    expect(promoted.code, promoted.stderr).toBe(0);
    expect(promoted.stdout).toContain('sheet: datasets/toy.csv: 9 cells of column "current_behavior" written (1 already held the champion\'s output)');

    const after = readFileSync(csv, 'utf8');
    expect(after.startsWith('\uFEFF')).toBe(true);
    expect(after.split('\r\n')[0]).toBe(before.split('\r\n')[0]);
    const [spansBefore, spansAfter] = [csvCellSpans(before, ','), csvCellSpans(after, ',')];
    expect(spansAfter).toHaveLength(spansBefore.length);
    const column = 3;
    for (let row = 0; row < spansBefore.length; row++) {
      for (let cell = 0; cell < spansBefore[row].length; cell++) {
        const raw = (text: string, spans: typeof spansBefore) => text.slice(spans[row][cell].start, spans[row][cell].end);
        if (row > 0 && cell === column && row !== 2) continue;
        expect(raw(after, spansAfter), `row ${row + 1}, cell ${cell + 1}`).toBe(raw(before, spansBefore));
      }
    }
    // Records still end in CRLF; the new cells read back as the champion's outputs.
    expect(after.replace(/"[^"]*(?:""[^"]*)*"/g, '').match(/\n/g)!.length).toBe(after.replace(/"[^"]*(?:""[^"]*)*"/g, '').match(/\r\n/g)!.length);
    const rows = Papa.parse<string[]>(after.slice(1), { skipEmptyLines: true }).data;
    for (const row of rows.slice(1)) {
      const read = parseRecordedOutput(row[3]);
      const expected = champ(row[1]);
      expect({ text: read.text, toolCalls: read.toolCalls }, row[0]).toEqual(expected);
    }
    expect(rows[1][3]).toBe('→ canvas(type: document, title: "Draft, v2")\nOpened a canvas, "as asked".');
  }, 120_000);

  it('XLSX: only those cells of the suite tab change; every other cell on every tab keeps its value and style', async () => {
    const dir = copyFixtureProject('toy');
    const rows = Papa.parse<string[]>(readFileSync(path.join(dir, 'datasets', 'toy.csv'), 'utf8'), { skipEmptyLines: true }).data;
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('notes').addRow(['kept', 42, '=1+1']);
    const tab = workbook.addWorksheet('toy');
    for (const row of rows) tab.addRow(row);
    tab.getCell('A2').font = { bold: true };
    tab.getCell('G1').value = 'outside the table';
    const file = path.join(dir, 'datasets', 'toy.xlsx');
    await workbook.xlsx.writeFile(file);
    writeFileSync(path.join(dir, 'suites', 'toy.yaml'), SUITE('datasets/toy.xlsx\nsheet: toy'));

    expect((await runCli(['run', 'toy', '--no-cache', '--systems', 'candidate'], { cwd: dir, env })).code).toBe(0);
    const promoted = await runCli(['promote', latestRun(dir), '--system', 'candidate', '--write-sheet'], { cwd: dir, env });
    expect(promoted.code, promoted.stderr).toBe(0);
    expect(promoted.stdout).toContain('sheet: datasets/toy.xlsx#toy: 10 cells of column "current_behavior" written');

    const [was, now] = [new ExcelJS.Workbook(), new ExcelJS.Workbook()];
    await was.xlsx.load(await workbook.xlsx.writeBuffer());
    await now.xlsx.readFile(file);
    expect(now.worksheets.map((s) => s.name)).toEqual(['notes', 'toy']);
    for (const sheet of was.worksheets) {
      const other = now.getWorksheet(sheet.name)!;
      expect(other.rowCount).toBe(sheet.rowCount);
      for (let r = 1; r <= sheet.rowCount; r++) {
        for (let c = 1; c <= 8; c++) {
          const cell = other.getCell(r, c);
          if (sheet.name === 'toy' && c === 4 && r > 1) {
            const read = parseRecordedOutput(String(cell.value));
            expect({ text: read.text, toolCalls: read.toolCalls }).toEqual(champ(String(other.getCell(r, 2).value)));
          } else expect(cell.value, `${sheet.name}!${cell.address}`).toEqual(sheet.getCell(r, c).value);
        }
      }
    }
    expect(now.getWorksheet('toy')!.getCell('A2').font).toMatchObject({ bold: true });
  }, 120_000);
});
