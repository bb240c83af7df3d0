import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { ConfigurationError } from '../../src/errors.js';
import { parseFormats, writeReports } from '../../src/report/write-reports.js';
import { reportFixture } from '../helpers/report-fixture.js';
import { makeTempDir } from '../helpers/temp-dir.js';

describe('parseFormats', () => {
  test('a comma list, trimmed, deduplicated, in the order given', () => {
    expect(parseFormats('html, md,junit,md')).toEqual(['html', 'md', 'junit']);
  });

  test('list and terminal mean the terminal table only: no files', () => {
    expect(parseFormats('list')).toEqual([]);
    expect(parseFormats('terminal,csv')).toEqual(['csv']);
  });

  test('all is every file format; markdown is md', () => {
    expect(parseFormats('all')).toEqual(['md', 'html', 'junit', 'csv', 'xlsx']);
    expect(parseFormats('markdown')).toEqual(['md']);
  });

  test('an unknown format is a configuration error with a suggestion', () => {
    expect(() => parseFormats('md,htlm')).toThrow(ConfigurationError);
    expect(() => parseFormats('md,htlm')).toThrow('unknown report format "htlm" (did you mean "html"?)');
  });
});

describe('writeReports', () => {
  test('writes each requested format into the run folder and returns the paths', async () => {
    const { data } = await reportFixture({ runDir: makeTempDir('write') });
    const written = await writeReports(data, ['md', 'junit', 'csv', 'xlsx', 'html']);
    expect(Object.values(written).map((file) => path.basename(file))).toEqual(['report.md', 'junit.xml', 'results.csv', 'results.xlsx', 'report.html']);
    expect(readFileSync(written.md!, 'utf8')).toMatch(/^## ❌ gate failed: canvas-trigger/);
    expect(readFileSync(written.xlsx!).subarray(0, 2).toString()).toBe('PK');
    expect(readFileSync(written.csv!, 'utf8').startsWith('\uFEFF"id"')).toBe(true);
  });

  test('writes nothing it was not asked for', async () => {
    const { data } = await reportFixture({ runDir: makeTempDir('write') });
    await writeReports(data, ['md']);
    expect(existsSync(path.join(data.runDir, 'report.md'))).toBe(true);
    expect(existsSync(path.join(data.runDir, 'report.html'))).toBe(false);
  });
});
