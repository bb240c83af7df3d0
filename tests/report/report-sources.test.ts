import { appendFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { renderHtml } from '../../src/report/html.js';
import { renderJunit } from '../../src/report/junit.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { closeReportData, loadReportData, type ReportData } from '../../src/report/report-data.js';
import { renderResultsCsv } from '../../src/report/results-csv.js';
import { reportFixture, writeRunFolder } from '../helpers/report-fixture.js';
import { makeTempDir } from '../helpers/temp-dir.js';

// Reports read a stored run through indexes into cases.jsonl and results.jsonl (one line at a time,
// so a 100,000-case run fits in bounded memory). Whatever they read that way must render exactly
// what the same run held in memory renders.

async function stored(): Promise<{ fromDisk: ReportData; inMemory: ReportData; runDir: string }> {
  const root = makeTempDir('report-sources');
  const runDir = await writeRunFolder(root);
  const { data: inMemory } = await reportFixture({ runDir });
  const fromDisk = await loadReportData(runDir, inMemory.assessment);
  return { fromDisk, inMemory, runDir };
}

const text = (pieces: Iterable<string>) => [...pieces].join('');

describe('reports from a stored run', () => {
  test('render the same md, html, junit and csv as the run held in memory', async () => {
    const { fromDisk, inMemory } = await stored();
    expect([...fromDisk.cases.ids]).toEqual([...inMemory.cases.ids]);
    expect(renderMarkdown(fromDisk)).toBe(renderMarkdown(inMemory));
    expect(renderHtml(fromDisk)).toBe(renderHtml(inMemory));
    expect(text(renderJunit(fromDisk))).toBe(text(renderJunit(inMemory)));
    expect(text(renderResultsCsv(fromDisk))).toBe(text(renderResultsCsv(inMemory)));
    closeReportData(fromDisk);
  });

  test('results of one case and system come back in repeat order whatever order they were written in', async () => {
    const { fromDisk, inMemory } = await stored();
    for (const id of inMemory.cases.ids) {
      for (const system of ['candidate', 'baseline']) {
        expect(fromDisk.results.get(id, system)).toEqual(inMemory.results.get(id, system));
      }
    }
    expect(fromDisk.results.get('no-such-case', 'candidate')).toEqual([]);
    expect(fromDisk.cases.get('no-such-case')).toBeUndefined();
    closeReportData(fromDisk);
  });

  test('results of a case cases.jsonl does not have (or a run folder without cases.jsonl) are still found by case and system', async () => {
    const { runDir, inMemory } = await stored();
    const casesFile = path.join(runDir, 'cases.jsonl');
    const lines = readFileSync(casesFile, 'utf8').trimEnd().split('\n');
    writeFileSync(casesFile, lines.filter((line) => !line.includes('"id":"pipes"')).join('\n') + '\n');
    const fromDisk = await loadReportData(runDir, inMemory.assessment);
    for (const system of ['current', 'prompted', 'candidate']) {
      expect(fromDisk.results.get('pipes', system)).toEqual(inMemory.results.get('pipes', system));
      expect(fromDisk.results.get('capital', system)).toEqual(inMemory.results.get('capital', system));
      expect(fromDisk.results.get('capital', system).length).toBe(1);
    }
    closeReportData(fromDisk);
    rmSync(casesFile);
    const withoutCases = await loadReportData(runDir, inMemory.assessment);
    expect(withoutCases.results.get('pipes', 'candidate')).toEqual(inMemory.results.get('pipes', 'candidate'));
    expect(withoutCases.results.get('pipes', 'nobody')).toEqual([]);
    closeReportData(withoutCases);
  });

  test('a torn last result line (a crash mid-write) is left out, not an error', async () => {
    const { runDir, inMemory } = await stored();
    appendFileSync(path.join(runDir, 'results.jsonl'), '{"caseId":"write-essay","system":"cand');
    const fromDisk = await loadReportData(runDir, inMemory.assessment);
    expect(text(renderJunit(fromDisk))).toBe(text(renderJunit(inMemory)));
    closeReportData(fromDisk);
  });
});
