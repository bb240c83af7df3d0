import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { renderHtml } from '../../src/report/html.js';
import { JUDGE, JUDGMENTS, reportFixture } from '../helpers/report-fixture.js';
import { launchChromium } from '../helpers/browser.js';
import { makeTempDir } from '../helpers/temp-dir.js';

// The pairwise parts of report.html, opened from disk in Chromium with hostile reasoning and
// comments. One browser for the file, one page (the report is the same for every test).

let browser: Browser;
let page: Page;
let url: string;
const requests: string[] = [];
const dialogs: string[] = [];

beforeAll(async () => {
  const dir = makeTempDir('pairwise-html');
  const file = path.join(dir, 'report.html');
  writeFileSync(file, renderHtml((await reportFixture({ judgments: JUDGMENTS })).data));
  url = pathToFileURL(file).href;
  browser = await launchChromium();
  page = await browser.newPage();
  page.on('request', (request) => requests.push(request.url()));
  page.on('dialog', async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  await page.goto(url, { waitUntil: 'load' });
});

afterAll(async () => {
  await browser?.close();
});

const caseRow = (id: string) => `#case-table tbody tr:has(td:first-child strong:text-is("${id}"))`;

describe('report.html pairwise view in Chromium', () => {
  test('the win-rate table shows each comparison with its interval, consistency and lengths', async () => {
    const rows = await page.$$eval('#pairwise-table tbody tr', (trs) => trs.map((tr) => Array.from((tr as HTMLTableRowElement).cells).map((td) => td.textContent)));
    expect(rows).toEqual([
      ['candidate vs prompted', JUDGE, '5', '2/1/2', '0/1', '60.0% [23.1%, 88.2%]', '80.0%', '65/19'],
      ['candidate vs current', JUDGE, '3', '1/2/0', '0/0', '33.3% [6.1%, 79.2%]', '100.0%', '54/18'],
      ['candidate vs prompted', 'human (ana)', '2', '1/1/0', '0/0', '50.0% [9.5%, 90.5%]', '—', '47/24'],
    ]);
    expect(await page.$$eval('.ratings-table tbody tr', (trs) => trs.map((tr) => (tr as HTMLTableRowElement).cells[1].textContent))).toEqual(['current', 'candidate', 'prompted']);
    expect(await page.textContent('#pairwise-agreement')).toBe(`human:ana vs ${JUDGE}: 100.0% agree, κ 1.00, 2 shared pairs`);
  });

  test('the chart draws a bar, a whisker and a dot per comparison, and a 50% line where the axis says 50%', async () => {
    const chart = await page.$('#win-rate-chart');
    expect((await chart!.boundingBox())!.width).toBeGreaterThan(500);
    const shape = await page.$eval('#win-rate-chart', (svg) => {
      const box = (el: Element) => (el as SVGGraphicsElement).getBBox();
      const fifty = box(svg.querySelector('.pw-fifty')!);
      const tick = Array.from(svg.querySelectorAll('text')).find((t) => t.textContent === '50%')!;
      const bars = Array.from(svg.querySelectorAll('.pw-bar')).map((bar) => box(bar));
      return {
        bars: bars.length,
        whiskers: svg.querySelectorAll('.pw-whisker').length,
        dots: svg.querySelectorAll('.pw-dot').length,
        fiftyX: fifty.x,
        tickX: box(tick).x + box(tick).width / 2,
        // Bar widths relative to the axis from 0% to the 50% line: the win rates themselves.
        rates: bars.map((bar) => Math.round((bar.width / (fifty.x - bar.x)) * 50)),
      };
    });
    expect(shape).toMatchObject({ bars: 3, whiskers: 9, dots: 3, rates: [60, 33, 50] });
    expect(Math.abs(shape.fiftyX - shape.tickX)).toBeLessThan(2);
  });

  test('the case table shows both outputs, both order verdicts un-swapped, the final verdict and the rater', async () => {
    const essay = caseRow('write-essay');
    await page.click(`${essay} td.pairwise summary >> nth=0`);
    const pair = page.locator(`${essay} td.pairwise details`).first();
    expect(await pair.locator('.pw-outputs > div').allTextContents()).toEqual(['candidate<script>window.__pwned=1;alert(1)</script>', 'prompted→ canvas(type: "document")\nOpened canvas.']);
    const llm = pair.locator(`.pw-judgment[data-judge="${JUDGE}"]`);
    expect(await llm.isVisible()).toBe(true);
    expect(await llm.locator('.pw-final').textContent()).toBe('verdict: prompted (much better)');
    expect(await llm.locator('ol.pw-orders > li').allTextContents()).toEqual([
      'candidate as A, prompted as B: answered B → prompted (much better)B opens canvas; A only prints <img src=x onerror="window.__pwned=1;alert(1)">',
      'prompted as A, candidate as B: answered A → prompted (much better)A opens canvas for the essay',
    ]);
    const ana = pair.locator('.pw-judgment[data-judge="human:ana"]');
    expect(await ana.textContent()).toBe('rater ana verdict: promptedprompted was shown on the leftcomment:prompted opened canvas <script>window.__pwned=1;alert(1)</script>');
  });

  test('an inconsistent pair says so in its summary and shows both contradicting orders', async () => {
    const pipes = page.locator(`${caseRow('pipes')} td.pairwise details`);
    expect(await pipes.count()).toBe(1);
    expect(await pipes.locator('summary').textContent()).toBe(`candidate vs prompted: ${JUDGE} → inconsistent → tie`);
    expect(await pipes.locator('ol.pw-orders > li strong').allTextContents()).toEqual(['candidate as A, prompted as B', 'prompted as A, candidate as B']);
    expect(await pipes.locator('ol.pw-orders').textContent()).toContain('answered A → candidate');
    expect(await pipes.locator('ol.pw-orders').textContent()).toContain('answered A → prompted');
    expect(await page.textContent(`${caseRow('timeout')} td.pairwise`)).toBe('not judged');
  });

  test('lost cases link to their rows in the case table', async () => {
    const links = await page.$$eval('#pairwise-lost a', (as) => as.map((a) => [a.textContent, a.getAttribute('href')]));
    expect(links.map(([id]) => id)).toEqual(['write-essay', 'write-essay', 'write-essay', 'formula', 'pipes']);
    for (const [id, href] of links) expect(await page.textContent(`${href} strong`)).toBe(id);
  });

  test('no injected script runs, no request leaves the file, and payloads stay text', async () => {
    await page.waitForTimeout(300);
    expect(requests).toEqual([url]);
    expect(dialogs).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    const dom = await page.evaluate(() => ({
      scripts: Array.from(document.scripts).map((s) => s.type || 'classic'),
      images: document.images.length,
      handlers: Array.from(document.querySelectorAll('*')).flatMap((el) => el.getAttributeNames().filter((name) => name.startsWith('on'))),
      embedded: JSON.parse(document.getElementById('report-data')!.textContent!).pairwise.comparisons.length,
    }));
    expect(dom).toEqual({ scripts: ['application/json', 'classic'], images: 0, handlers: [], embedded: 3 });
  });

  test('the case filter still works with the pairwise column: text in a judge’s reasoning finds its case', async () => {
    await page.fill('#filter-text', 'a is clearer');
    expect(await page.textContent('#filter-count')).toBe('1 of 6 cases shown');
    await page.fill('#filter-text', '');
    expect(await page.textContent('#filter-count')).toBe('6 of 6 cases shown');
  });
});
