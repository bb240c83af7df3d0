import { cpSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, runCli } from '../helpers/cli.js';
import { launchChromium } from '../helpers/browser.js';
import { makeTempDir } from '../helpers/temp-dir.js';

// The screenshot in the README's "Authoring cases" guide is made here, from the shipped example, so
// it always shows what the product really renders. CI runs this without writing into the tree;
// `UPDATE_SCREENSHOTS=1 npx vitest run tests/e2e/report-screenshot.test.ts` refreshes docs/images/report.png.

const COMMITTED = path.join(repoRoot, 'docs', 'images', 'report.png');

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

/** A temp copy of the repo's example project (suites, datasets, prompts, tools). */
function copyExampleProject(): string {
  const project = makeTempDir('screenshot');
  for (const dir of ['suites', 'datasets', 'prompts', 'tools']) cpSync(path.join(repoRoot, dir), path.join(project, dir), { recursive: true });
  return project;
}

describe('the HTML report of the shipped canvas-trigger example', () => {
  it('shows the summary table and chart, loads nothing from outside the file, and is screenshotted', async () => {
    const project = copyExampleProject();
    const result = await runCli(['run', 'canvas-trigger', '--reporter', 'html'], { cwd: project });
    expect(result.code, result.stderr).toBe(0);
    const runs = readdirSync(path.join(project, 'reports', 'canvas-trigger')).filter((name) => /^\d{8}-/.test(name)); // not history.jsonl
    expect(runs).toHaveLength(1);
    expect(result.stdout).toContain('gate not applied: it checked no system (current: a recorded column, not gated)');
    const report = path.join(project, 'reports', 'canvas-trigger', runs[0], 'report.html');
    expect(result.stderr).toContain(`html: ${path.relative(project, report)}`);

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    const url = pathToFileURL(report).href;
    await page.goto(url, { waitUntil: 'load' });

    expect(await page.isVisible('#system-table')).toBe(true);
    const systems = await page.$$eval('#system-table tbody tr', (rows) => rows.map((row) => [...row.querySelectorAll('td')].map((td) => td.textContent)));
    // With no keys only the recorded system runs; the others are listed as skipped, with the variable to set.
    expect(systems.map((cells) => cells[0])).toEqual(['current']);
    expect(await page.textContent('#summary')).toContain('skipped system prompted: set OPENAI_API_KEY to run it');
    expect(systems[0].slice(1, 6)).toEqual(['column:current_behavior', '52', '10', '0', '83.9%']);
    // A recorded column is not gated, so the gate tested nothing: the report must not say it passed.
    expect(await page.textContent('#gate-verdict')).toBe('○ gate not applied: it checked no system (current: a recorded column, not gated)');
    const chart = await page.$('#chart svg');
    expect(await chart?.isVisible()).toBe(true);
    // The summary and the chart both fit in the first screen a reader sees.
    const chartBox = await chart!.boundingBox();
    expect(chartBox!.width).toBeGreaterThan(300);
    expect(chartBox!.y + chartBox!.height).toBeLessThanOrEqual(900);
    expect(await page.$$eval('#chart svg text', (texts) => texts.map((t) => t.textContent))).toContain('83.9%');
    // One self-contained file: the page itself is the only request.
    expect(requests).toEqual([url]);

    const target = process.env.UPDATE_SCREENSHOTS === '1' ? COMMITTED : path.join(path.dirname(report), 'report.png');
    mkdirSync(path.dirname(target), { recursive: true });
    await page.screenshot({ path: target });
    expect(existsSync(target)).toBe(true);
    await page.close();
  });
});
