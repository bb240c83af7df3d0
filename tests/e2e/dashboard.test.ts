import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDashboard } from '../../src/dashboard/write-dashboard.js';
import type { HistoryRecord } from '../../src/history/record.js';
import type { RunSummary } from '../../src/store/summary.js';
import { launchChromium } from '../helpers/browser.js';
import { copyFixtureProject, runCli } from '../helpers/cli.js';
import { writeSyntheticHistory } from '../helpers/history-records.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { canvasBrain, TOY_TRIGGER_IDS } from '../helpers/toy-brain.js';
import { useToyModelServer } from '../helpers/toy-server.js';

// Issue 15 item 5: reports/index.html opened from disk in Chromium, as a team member opens it. It
// must draw each run's numbers exactly, make no request, and show hostile names as text.

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

interface Opened {
  page: Page;
  url: string;
  requests: string[];
}

async function open(file: string): Promise<Opened> {
  const page = await browser.newPage();
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('requestfailed', (request) => requests.push(`failed: ${request.url()}`));
  page.on('dialog', (dialog) => dialog.dismiss());
  const url = pathToFileURL(file).href;
  await page.goto(url, { waitUntil: 'load' });
  return { page, url, requests };
}

/** Each chart series' points as the DOM holds them: series name → [run id, rate, link][]. */
function chartPoints(page: Page, suiteSelector: string, chart: string) {
  return page.$$eval(`${suiteSelector} ${chart} g[data-series]`, (groups) =>
    Object.fromEntries(
      groups.map((g) => [
        g.getAttribute('data-series'),
        [...g.querySelectorAll('circle')].map((c) => [c.getAttribute('data-run'), Number(c.getAttribute('data-rate')), c.parentElement?.tagName === 'a' ? c.parentElement.getAttribute('href') : null]),
      ]),
    ),
  );
}

describe('evals dashboard in Chromium', { timeout: 120_000 }, () => {
  const toy = useToyModelServer();

  it("draws every run's pass rates exactly as their summary.json, links to the reports that exist, and makes no request", async () => {
    const project = copyFixtureProject('toy');
    toy.server.setBrain(canvasBrain(TOY_TRIGGER_IDS));
    expect((await runCli(['run', 'toy', '--update-baseline', '--no-cache'], { cwd: project, env: toy.env })).code).toBe(0);
    toy.server.setBrain(canvasBrain(['t01', 't03', 't05', 't07']));
    expect((await runCli(['run', 'toy', '--no-cache', '--reporter', 'html'], { cwd: project, env: toy.env })).code).toBe(1);
    const made = await runCli(['dashboard'], { cwd: project, env: toy.env });
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout).toMatch(/^dashboard: reports\/index\.html \(1 suite, \d+ KB\)/);

    const records: HistoryRecord[] = readFileSync(path.join(project, 'reports', 'toy', 'history.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    const summaries = records.map((r) => JSON.parse(readFileSync(path.join(project, 'reports', 'toy', r.runId, 'summary.json'), 'utf8')) as RunSummary);
    const { page, url, requests } = await open(path.join(project, 'reports', 'index.html'));
    expect(await page.$$eval('#suite-table tbody tr td:first-child', (cells) => cells.map((c) => c.textContent))).toEqual(['toy']);

    const points = await chartPoints(page, 'section[data-suite="toy"]', '.pass-rate-chart');
    const expected: Record<string, Array<[string, number, string | null]>> = {};
    for (const summary of summaries) {
      for (const s of summary.systems.filter((x) => !x.skipped)) {
        const report = path.join(project, 'reports', 'toy', summary.runId, 'report.html');
        (expected[s.system] ??= []).push([summary.runId, s.passRate!, existsSync(report) ? `toy/${summary.runId}/report.html` : null]);
      }
    }
    expect(points).toEqual(expected);
    expect(expected.candidate.map(([, rate]) => rate)).toEqual([1, 0.9]);
    // The one run with an HTML report is linked, relative to the page, and the link resolves to it.
    const link = expected.candidate[1][2]!;
    expect(existsSync(fileURLToPath(new URL(link, url)))).toBe(true);
    expect(await page.textContent('section[data-suite="toy"] .latest-regressions')).toContain('candidate: 1 regressed: t09');
    expect(requests).toEqual([url]);
    await page.close();
  });

  it('shows hostile suite, system, case and label names as text, runs none of them, and draws the champion and the lineage', async () => {
    const reportsDir = path.join(makeTempDir('dashboard'), 'reports');
    const suite = '<img src=x onerror="window.__pwned=1">';
    const system = '</script><script>window.__pwned=1</script>';
    const caseId = '<svg onload=window.__pwned=1>';
    const file = writeSyntheticHistory(reportsDir, suite, { runs: 69, systems: ['prompted', system], champion: true });
    const hostile = readFileSync(file, 'utf8').replace(/"regressed":\["case-(\d+)"/g, (_, n) => `"regressed":[${JSON.stringify(caseId + n)}`);
    writeFileSync(file, hostile);
    writeFileSync(
      path.join(reportsDir, suite, 'lineage.jsonl'),
      [
        { suite, system, label: '<img src=x onerror=window.__pwned=1>', runId: 'r1', at: '2026-01-01T00:00:00.000Z', passRate: 0.7 },
        { suite, system, label: 'v2', runId: 'r2', at: '2026-02-01T00:00:00.000Z', passRate: 0.8, winRateVsPrevious: { rate: 0.64, low: 0.55, high: 0.72 } },
      ]
        .map((e) => JSON.stringify(e))
        .join('\n') + '\nnot a promotion\n',
    );
    // A suite with a lineage and no history yet, and one with neither (not shown).
    mkdirSync(path.join(reportsDir, 'promoted-only'));
    writeFileSync(path.join(reportsDir, 'promoted-only', 'lineage.jsonl'), JSON.stringify({ system: 'c', runId: 'r9', at: '2026-03-01T00:00:00.000Z', passRate: null }) + '\n');
    mkdirSync(path.join(reportsDir, 'empty'));

    const { file: page_, suites } = writeDashboard(reportsDir);
    expect(suites).toBe(2);
    const { page, url, requests } = await open(page_);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.$$eval('img, script:not([type="application/json"])', (found) => found.length)).toBe(0);
    expect(await page.$$eval('section.suite h2', (h) => h.map((x) => x.textContent))).toEqual([suite, 'promoted-only']);
    const body = await page.textContent('body');
    // The latest run (the 69th) regressed two cases, one named to inject.
    expect(await page.$$eval('#suite-1 .latest-regressions li', (items) => items.map((li) => li.textContent))).toEqual([
      `prompted: 2 regressed: ${caseId}68, case-69`,
      `${system}: 2 regressed: ${caseId}68, case-69`,
    ]);
    expect(body).toContain('skipped 1 line(s) that are not a promotion');

    const section = '#suite-1';
    const points = await chartPoints(page, section, '.pass-rate-chart');
    expect(Object.keys(points)).toEqual(['prompted', system]);
    // The latest 50 of 69 runs.
    expect(points[system]).toHaveLength(50);
    const champion = await chartPoints(page, section, '.champion-chart');
    expect(Object.keys(champion)).toEqual([`${system} vs champion`]);
    expect(await page.$$eval(`${section} .champion-chart line.reference`, (l) => l.length)).toBe(1);
    expect(await page.$$eval(`${section} .lineage-table tbody tr`, (rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent)))).toEqual([
      ['2026-02-01 00:00', system, 'v2', 'r2', '80.0%', '64.0% [55.0%–72.0%]'],
      ['2026-01-01 00:00', system, '<img src=x onerror=window.__pwned=1>', 'r1', '70.0%', '—'],
    ]);
    // The data block is JSON, and reads back as the names it was given.
    const data = JSON.parse((await page.textContent('#dashboard-data'))!);
    expect(data.suites[0].suite).toBe(suite);
    expect(data.suites[0].latest.systems[1].name).toBe(system);
    expect(requests).toEqual([url]);
    await page.close();
  });
});
