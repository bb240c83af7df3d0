import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { renderHtml } from '../../src/report/html.js';
import { escapeHtml, escapeHtmlText, jsonForScript } from '../../src/report/html-escape.js';
import type { ReportData } from '../../src/report/report-data.js';
import { casesInMemory } from '../../src/report/report-sources.js';
import { makeCase } from '../helpers/make-case.js';
import { reportFixture } from '../helpers/report-fixture.js';
import { launchChromium } from '../helpers/browser.js';
import { makeTempDir } from '../helpers/temp-dir.js';

// report.html opened the way a reviewer opens it: from disk, in Chromium, with hostile outputs.
// One browser for the whole file; each test gets a fresh page that records requests and dialogs.

let browser: Browser;
const dir = makeTempDir('html');

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
  dialogs: string[];
}

async function open(data: ReportData, name = 'report.html'): Promise<Opened> {
  const file = path.join(dir, name);
  writeFileSync(file, renderHtml(data));
  const page = await browser.newPage();
  const requests: string[] = [];
  const dialogs: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('dialog', async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  const url = pathToFileURL(file).href;
  await page.goto(url, { waitUntil: 'load' });
  return { page, url, requests, dialogs };
}

const visibleCaseIds = (page: Page) => page.$$eval('#case-table tbody tr', (rows) => rows.filter((r) => !(r as HTMLElement).hidden).map((r) => r.querySelector('strong')?.textContent));

describe('report.html in Chromium', () => {
  test('renders the summary table, gate verdict and pass-rate chart', async () => {
    const { page } = await open((await reportFixture()).data);
    expect(await page.textContent('#gate-verdict')).toBe('✗ gate failed');
    expect(await page.$$eval('#system-table tbody tr', (rows) => rows.map((r) => r.querySelector('td')?.textContent))).toEqual(['current', 'prompted', 'candidate']);
    const chart = await page.$('#chart svg');
    const box = await chart!.boundingBox();
    expect(box!.width).toBeGreaterThan(300);
    // Three systems, this run and the baseline run each.
    expect(await page.$$eval('#chart svg rect', (rects) => rects.length)).toBe(6);
    expect(await page.$$eval('#chart svg text', (texts) => texts.map((t) => t.textContent))).toContain('40.0%');
    await page.close();
  });

  test('long system names are cut to fit left of the bars, with the whole name as their tooltip', async () => {
    const { data } = await reportFixture();
    const names = ['gpt-4o-mini-with-the-long-canvas-system-prompt-v12', 'ＷＷＷ全角の長いシステム名前テスト候補モデル', 'prompted'];
    data.assessment.regression.systems.forEach((s, i) => (s.system = names[i]));
    const { page } = await open(data, 'long-names.html');
    const chart = (await (await page.$('#chart svg'))!.boundingBox())!;
    const labels = page.locator('#chart svg text.label');
    expect(await labels.count()).toBe(3);
    for (let i = 0; i < 3; i++) {
      const box = (await labels.nth(i).boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(chart.x);
    }
    const shown = await labels.evaluateAll((texts) =>
      texts.map((t) =>
        [...t.childNodes]
          .filter((n) => n.nodeType === 3)
          .map((n) => n.textContent)
          .join(''),
      ),
    );
    expect(shown[0]).toMatch(/^gpt-4o-mini-with.*…$/);
    expect(shown[1]).toMatch(/…$/);
    expect(shown[2]).toBe('prompted');
    expect(await labels.evaluateAll((texts) => texts.map((t) => t.querySelector('title')?.textContent ?? null))).toEqual([names[0], names[1], null]);
    await page.close();
  });

  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 360, height: 740 },
  ]) {
    test(`the chart legend shows the whole run ids, unclipped (${viewport.width} px wide)`, async () => {
      const { data } = await reportFixture();
      // Run ids as evals makes them, and one longer still.
      data.runId = '20261126-034545-302-7951';
      data.assessment.regression.baselineRunId = '20261126-033957-440-d932-merged-from-three-shards';
      const { page } = await open(data, `legend-${viewport.width}.html`);
      await page.setViewportSize(viewport);
      const legend = page.locator('#chart .chart-legend');
      expect(await legend.innerText()).toMatch(/this run 20261126-034545-302-7951\s+baseline 20261126-033957-440-d932-merged-from-three-shards/);
      const boxes = await page
        .locator('#chart .legend-item')
        .evaluateAll((items) => items.map((item) => ({ scroll: item.scrollWidth, client: item.clientWidth, right: item.getBoundingClientRect().right, page: document.documentElement.clientWidth })));
      expect(boxes).toHaveLength(2);
      for (const box of boxes) {
        expect(box.scroll).toBeLessThanOrEqual(box.client);
        expect(box.right).toBeLessThanOrEqual(box.page);
      }
      await page.close();
    });
  }

  test('typing in the filter hides rows that do not match; selects filter by transition, system and status', async () => {
    const { page } = await open((await reportFixture()).data);
    expect(await page.textContent('#filter-count')).toBe('6 of 6 cases shown');
    await page.fill('#filter-text', 'hyperlink');
    expect(await visibleCaseIds(page)).toEqual(['formula']);
    await page.fill('#filter-text', '');
    await page.selectOption('#filter-transition', 'regressed');
    expect(await visibleCaseIds(page)).toEqual(['write-essay']);
    await page.selectOption('#filter-transition', '');
    await page.selectOption('#filter-system', 'prompted');
    await page.selectOption('#filter-status', 'fail');
    expect(await visibleCaseIds(page)).toEqual(['capital', 'pipes']);
    expect(await page.textContent('#filter-count')).toBe('2 of 6 cases shown');
    await page.close();
  });

  test('makes no request but the file itself, fires no dialog, and runs no injected script', async () => {
    const { page, url, requests, dialogs } = await open((await reportFixture()).data);
    // Give onerror/onload handlers a chance to fire if any payload had become an element.
    await page.waitForTimeout(300);
    await page.click('#case-table a, #transitions a');
    expect(requests).toEqual([url]);
    expect(dialogs).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    await page.close();
  });

  test('payloads stay text: no injected elements, handlers or javascript: links in the DOM', async () => {
    const { page } = await open((await reportFixture()).data);
    const dom = await page.evaluate(() => ({
      scripts: Array.from(document.scripts).map((s) => s.type || 'classic'),
      images: document.images.length,
      svgs: document.querySelectorAll('svg').length,
      handlers: Array.from(document.querySelectorAll('*')).flatMap((el) => el.getAttributeNames().filter((name) => name.startsWith('on'))),
      links: Array.from(document.querySelectorAll('a')).map((a) => a.getAttribute('href')),
      essay: document.querySelector('#case-table tbody tr')?.textContent ?? '',
    }));
    expect(dom.scripts).toEqual(['application/json', 'classic']);
    expect(dom.images).toBe(0);
    expect(dom.svgs).toBe(1);
    expect(dom.handlers).toEqual([]);
    expect(dom.links.every((href) => href?.startsWith('#case-'))).toBe(true);
    expect(dom.essay).toContain('<script>window.__pwned=1;alert(1)</script>');
    await page.close();
  });

  test('the embedded JSON survives a case id that tries to close the script', async () => {
    const { data } = await reportFixture();
    data.assessment.gate.failures.push('canvas-trigger/candidate: </script><script>window.__pwned=1</script>');
    const { page, dialogs } = await open(data, 'json.html');
    const embedded = await page.evaluate(() => JSON.parse(document.getElementById('report-data')!.textContent!));
    expect(embedded.gate.failures.at(-1)).toBe('canvas-trigger/candidate: </script><script>window.__pwned=1</script>');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    await page.close();
  });

  test('caps the case table at 2,000 rows with a visible note', async () => {
    const { data } = await reportFixture();
    data.cases = casesInMemory(Array.from({ length: 2050 }, (_, i) => makeCase({ id: `case-${i}`, contentHash: `h${i}` })));
    const { page } = await open(data, 'big.html');
    expect(await page.$$eval('#case-table tbody tr', (rows) => rows.length)).toBe(2000);
    expect(await page.isVisible('#case-cap')).toBe(true);
    expect(await page.textContent('#case-cap')).toContain('first 2,000 of 2,050 cases');
    await page.close();
  });
});

describe('renderHtml without a browser', () => {
  test('a first run without baseline charts this run only and says there is no baseline', async () => {
    const html = renderHtml((await reportFixture({ withBaseline: false })).data);
    const chart = html.slice(html.indexOf('<svg'), html.indexOf('</svg>'));
    expect(chart.match(/<rect /g)).toHaveLength(3);
    expect(html).not.toContain('baseline <code>');
    expect(html).toContain('No baseline run: every case is new.');
  });

  test('the CSP allows only the report’s own script, by hash', async () => {
    const html = renderHtml((await reportFixture()).data);
    expect(html).toMatch(
      /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;; script-src &#39;unsafe-inline&#39; &#39;sha256-[A-Za-z0-9+\/]+=*&#39;; img-src data:;/,
    );
  });
});

describe('html escaping helpers', () => {
  test('escapeHtml escapes the five characters that end text or attributes', () => {
    expect(escapeHtml(`"><svg onload='x'>&`)).toBe('&quot;&gt;&lt;svg onload=&#39;x&#39;&gt;&amp;');
  });

  test('escapeHtml shows control and bidi characters as escaped <U+XXXX> text, safe in any attribute', () => {
    expect(escapeHtml('a\u202Eb\u2066c\u001bd\u0000e\u200Ff\u061Cg')).toBe('a&lt;U+202E&gt;b&lt;U+2066&gt;c&lt;U+001B&gt;d&lt;U+0000&gt;e&lt;U+200F&gt;f&lt;U+061C&gt;g');
  });

  test('escapeHtmlText marks each control with a span of its code point, and escapes the rest', () => {
    expect(escapeHtmlText('<b>\u202Eevil\u202C</b>')).toBe('&lt;b&gt;<span class="control">U+202E</span>evil<span class="control">U+202C</span>&lt;/b&gt;');
  });

  test('tabs and line breaks are layout, not controls: both helpers keep them', () => {
    for (const escape of [escapeHtml, escapeHtmlText]) expect(escape('a\tb\nc\r\nd')).toBe('a\tb\nc\r\nd');
  });

  test('jsonForScript never contains "<"', () => {
    const text = jsonForScript({ a: '</script><!--' });
    expect(text).not.toContain('<');
    expect(JSON.parse(text)).toEqual({ a: '</script><!--' });
  });
});
