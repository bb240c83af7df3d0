import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { repeatedDeflate, rezip } from '../tests/helpers/zip-writer.js';

// Issue 13's workbooks that used to take `evals validate` down (34 s, 4.3 GB, exit 134): a stray
// cell at XFD1048576, and a zip bomb whose sheet inflates to 2 GB, honest or lying about its size.

export interface HostileWorkbook {
  name: string;
  project: string;
}

function projectWith(name: string, book: Uint8Array): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `evals-bench-${name}-`));
  mkdirSync(path.join(dir, 'suites'));
  mkdirSync(path.join(dir, 'datasets'));
  writeFileSync(path.join(dir, 'datasets', 'cases.xlsx'), book);
  writeFileSync(path.join(dir, 'suites', 'cases.yaml'), 'name: cases\ndataset: datasets/cases.xlsx\nsystems:\n  current: { provider: "column:input" }\n');
  return dir;
}

async function table(farCorner?: string): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('cases');
  sheet.addRows([
    ['id', 'input'],
    ['a', 'Write an essay'],
    ['b', 'What is 2+2?'],
  ]);
  if (farCorner !== undefined) sheet.getCell('XFD1048576').value = farCorner;
  return new Uint8Array(await book.xlsx.writeBuffer());
}

export async function makeHostileWorkbooks(): Promise<HostileWorkbook[]> {
  // 1 MB of XML-ish text 2,000 times: 2 GB inflated, about 2 MB zipped.
  const bomb = repeatedDeflate(Buffer.from('<row/>'.repeat(174_763)), 2_000);
  const sheet = 'xl/worksheets/sheet1.xml';
  return [
    { name: 'text at XFD1048576', project: projectWith('far-corner', await table('x')) },
    { name: '2 GB zip bomb, size declared', project: projectWith('bomb', await rezip(await table(), [{ name: sheet, deflated: bomb, declaredSize: 2_000 * 174_763 * 6 }])) },
    { name: '2 GB zip bomb, declaring 6 KB', project: projectWith('lying-bomb', await rezip(await table(), [{ name: sheet, deflated: bomb, declaredSize: 6_000 }])) },
  ];
}
