import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/dataset/load.js';
import { ConfigurationError } from '../../src/errors.js';
import { load, problems, project } from './fixture.js';

describe('loadDataset', () => {
  it('resolves the path against baseDir but names it as written', async () => {
    const baseDir = await project({ 'datasets/a.csv': 'input\nhi\n' });
    const dataset = await loadDataset('datasets/a.csv', { baseDir });
    expect(dataset.file).toBe('datasets/a.csv');
    expect([...dataset.cases][0].file).toBe('datasets/a.csv');
  });

  it('says a missing file is not found', async () => {
    const baseDir = await project({});
    const error = await loadDataset('datasets/x.csv', { baseDir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).message).toBe('datasets/x.csv: file not found');
    expect((error as ConfigurationError).problems).toEqual([{ file: 'datasets/x.csv', message: 'file not found' }]);
  });

  it('names the supported extensions for an unsupported file', async () => {
    expect(await problems('datasets/cases.ods', 'input\nhi\n')).toEqual(['datasets/cases.ods: cannot read ".ods" files (supported: .csv, .tsv, .txt, .xlsx, .jsonl)']);
    expect(await problems('datasets/cases.xls', 'x')).toEqual([
      'datasets/cases.xls: cannot read ".xls" files (supported: .csv, .tsv, .txt, .xlsx, .jsonl); save it in Excel as "Excel Workbook (.xlsx)"',
    ]);
  });

  it('accepts upper-case extensions', async () => {
    const dataset = await load('datasets/CASES.CSV', 'input\nhi\n');
    expect(dataset.cases).toHaveLength(1);
  });

  it('reports an empty file and a directory', async () => {
    expect(await problems('datasets/a.csv', '')).toEqual(['datasets/a.csv: file is empty; it needs a header row with an "input" column']);
    // "Unicode Text" of an empty sheet: the byte-order mark alone.
    expect(await problems('datasets/a.txt', Buffer.from([0xff, 0xfe]))).toEqual(['datasets/a.txt: file is empty; it needs a header row with an "input" column']);
    const baseDir = await project({});
    await mkdir(path.join(baseDir, 'd.csv'));
    await expect(loadDataset('d.csv', { baseDir })).rejects.toThrow('d.csv: is a directory, not a dataset file');
  });

  it('names the file when its bytes are not text, without a stack trace', async () => {
    const error = await load('datasets/a.csv', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0])).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).problems).toEqual([
      {
        file: 'datasets/a.csv',
        message: 'is a zip file, not text: probably an .xlsx workbook with the wrong extension; rename it to .xlsx, or save it as "CSV UTF-8 (Comma delimited)" or "Unicode Text"',
      },
    ]);
  });

  it('rejects a sheet option for a file that has no sheets', async () => {
    expect(await problems('datasets/a.csv', 'input\nhi\n', { sheet: 'reminders' })).toEqual(['datasets/a.csv: "sheet: reminders" applies only to .xlsx workbooks']);
  });
});
