import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { repeatedDeflate, rezip } from '../helpers/zip-writer.js';
import { workbook } from '../dataset/fixture.js';

// Issue 13: a 6.7 KB workbook with one cell at XFD1048576 ran `evals validate` out of memory (exit
// 134, a native stack trace), and a zip bomb would too. Both must end in an exit 2 that names the
// file. How long and how much memory they take is measured in `npm run bench`, not asserted here.

const TABLE = [
  ['id', 'input'],
  ['a', 'Write an essay'],
  ['b', 'What is 2+2?'],
];

function projectWith(book: Uint8Array): string {
  const cwd = makeTempDir('hostile-workbook');
  mkdirSync(path.join(cwd, 'suites'));
  mkdirSync(path.join(cwd, 'datasets'));
  writeFileSync(path.join(cwd, 'datasets', 'cases.xlsx'), book);
  writeFileSync(
    path.join(cwd, 'suites', 'cases.yaml'),
    ['name: cases', 'dataset: datasets/cases.xlsx', 'systems:', '  current: { provider: "column:input" }', 'checks:', '  - { type: contains, value: "a" }', ''].join('\n'),
  );
  return cwd;
}

async function validate(book: Uint8Array) {
  const result = await runCli(['validate', 'cases'], { cwd: projectWith(book) });
  return { ...result, errors: result.stdout.split('\n').filter((line) => line.trim().startsWith('error:')) };
}

describe('hostile workbooks through evals validate', () => {
  it('a stray cell at XFD1048576: exit 2 naming the file and the cell, no crash', async () => {
    const book = await workbook({ cases: TABLE }, (b) => {
      b.worksheets[0].getCell('XFD1048576').value = 'x';
    });
    const result = await validate(book);
    expect(result.stderr).not.toContain('heap');
    expect(result.code).toBe(2);
    expect(result.errors[0]).toBe('  error: datasets/cases.xlsx: cases!XFD1: column XFD has no name in the header row but has values (row 1048576)');
  });

  it('a compression bomb (2 GB of sheet XML in a 2 MB zip): exit 2 naming the file, nothing inflated', async () => {
    const deflated = repeatedDeflate(Buffer.from('<row/>'.repeat(174_763)), 2_000);
    const book = await rezip(await workbook({ cases: TABLE }), [{ name: 'xl/worksheets/sheet1.xml', deflated, declaredSize: 2_000 * 174_763 * 6 }]);
    const result = await validate(book);
    expect(result.code).toBe(2);
    expect(result.errors).toEqual([expect.stringMatching(/^ {2}error: datasets\/cases\.xlsx: the workbook unzips to 2,098 MB \(xl\/worksheets\/sheet1\.xml: 2,098 MB\), over the limit of 100 MB/)]);
  });

  it('the same bomb declaring a small size: exit 2 naming the file, stopped at the first bytes past it', async () => {
    const deflated = repeatedDeflate(Buffer.from('<row/>'.repeat(174_763)), 2_000);
    const book = await rezip(await workbook({ cases: TABLE }), [{ name: 'xl/worksheets/sheet1.xml', deflated, declaredSize: 6_000 }]);
    const result = await validate(book);
    expect(result.code).toBe(2);
    expect(result.errors).toEqual([
      '  error: datasets/cases.xlsx: xl/worksheets/sheet1.xml unzips to more than the 6,000 bytes the zip declares for it: the file is damaged or built to exhaust memory',
    ]);
  });
});
