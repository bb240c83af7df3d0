import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { runCli } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/temp-dir.js';

// Issue 13: a U+FFFF in a cell (or in a model's output) made results.xlsx's sharedStrings.xml
// invalid XML, so Excel "repaired" the file and other readers refused it. Every character XML 1.0
// forbids becomes U+FFFD, the same way in results.xlsx and junit.xml.

// U+FFFF, U+FFFE, C0 controls other than tab/newline/CR, and lone surrogates of both halves.
const FORBIDDEN = 'noncharacters \uFFFF \uFFFE, bell \u0007, escape \u001b[31m, lone \uD800 and \uDFFF';
const SHOWN = 'noncharacters \uFFFD \uFFFD, bell \uFFFD, escape \uFFFD[31m, lone \uFFFD and \uFFFD';

function project(): string {
  const cwd = makeTempDir('xml-invalid');
  mkdirSync(path.join(cwd, 'suites'));
  mkdirSync(path.join(cwd, 'datasets'));
  // JSONL, because only a JSON escape can carry a lone surrogate into a case.
  const cases = [
    { id: 'in-the-case', input: `Write about ${FORBIDDEN}`, notes: FORBIDDEN, current: 'plain answer' },
    { id: 'in-the-output', input: 'Write a story', current: `Here: ${FORBIDDEN}` },
  ];
  writeFileSync(path.join(cwd, 'datasets', 'cases.jsonl'), cases.map((c) => JSON.stringify(c)).join('\n') + '\n');
  writeFileSync(
    path.join(cwd, 'suites', 'cases.yaml'),
    ['name: cases', 'dataset: datasets/cases.jsonl', 'systems:', '  current: { provider: "column:current" }', 'checks:', '  - { type: contains, value: "plain" }', ''].join('\n'),
  );
  return cwd;
}

/** libxml2's parse errors for one XML document (none when it is well-formed XML 1.0). */
async function parseErrors(fileName: string, bytes: Uint8Array): Promise<string[]> {
  // Fatal decoding: bytes that are not UTF-8 must fail here, not turn into U+FFFD on the way.
  const contents = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  // No schema: libxml2's strict XML 1.0 parse is the whole check.
  const result = await validateXML({ xml: [{ fileName, contents }], schema: [] });
  return result.errors.map((error) => error.rawMessage);
}

describe('characters XML 1.0 forbids, in a case and in an output', () => {
  it('write a results.xlsx whose every part parses, read back whole, and a junit.xml that parses', async () => {
    const cwd = project();
    const result = await runCli(['run', 'cases', '--reporter', 'xlsx,junit', '--json'], { cwd });
    expect(result.code, result.stderr).toBe(0);
    const runDir = (JSON.parse(result.stdout) as Array<{ runDir: string }>)[0].runDir;

    const xlsx = readFileSync(path.join(runDir, 'results.xlsx'));
    const zip = await JSZip.loadAsync(xlsx);
    const parts = Object.values(zip.files).filter((entry) => !entry.dir && /\.(xml|rels)$/.test(entry.name));
    expect(parts.map((entry) => entry.name)).toContain('xl/sharedStrings.xml');
    for (const entry of parts) expect(await parseErrors(entry.name, await entry.async('uint8array')), entry.name).toEqual([]);

    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx as unknown as ArrayBuffer);
    // The cases' tab follows the Summary tab.
    const sheet = book.worksheets[1];
    expect(book.worksheets[0].name).toBe('Summary');
    const rows = sheet.getSheetValues().filter(Boolean) as unknown[][];
    expect(rows).toHaveLength(3);
    const header = rows[0];
    const cell = (id: string, column: string) => rows.find((row) => row[1] === id)?.[header.indexOf(column)];
    expect(cell('in-the-case', 'input')).toBe(`Write about ${SHOWN}`);
    expect(cell('in-the-case', 'notes')).toBe(SHOWN);
    expect(cell('in-the-output', 'current_output')).toBe(`Here: ${SHOWN}`);

    const junit = readFileSync(path.join(runDir, 'junit.xml'));
    expect(await parseErrors('junit.xml', junit)).toEqual([]);
    expect(junit.toString('utf8')).toContain(`Here: ${SHOWN}`);
  });
});
