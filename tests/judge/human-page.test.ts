import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { winrateCommand } from '../../src/cli/commands/winrate.js';
import type { CliIO } from '../../src/cli/io.js';
import { startHumanJudging } from '../../src/judge/human-server.js';
import type { PairwiseSummary } from '../../src/judge/summarize.js';
import type { JudgmentRecord } from '../../src/judge/types.js';
import { writeRunFixture } from '../helpers/run-fixture.js';
import { launchChromium } from '../helpers/browser.js';

// A person judging in the browser, played by headless Chromium: keys and buttons through every
// case, then the stored judgments counted by `evals winrate`.

const ATTACK = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';
const ids = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6'];

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

/** `zebra` always writes the long answer, `yak` the short one; c6's long answer is hostile HTML. */
function fixture() {
  return writeRunFixture({
    cases: ids.map((id) => ({
      id,
      messages: [{ role: 'user', content: `Review my draft ${id}` }],
      columns: { ideal_behavior: `Point at concrete sentences (${id})`, why: 'Vague praise does not help' },
    })),
    outputs: {
      zebra: Object.fromEntries(
        ids.map((id) => [
          id,
          id === 'c6' ? `Long answer ${id}: ${ATTACK}` : { text: `Long answer ${id}: the second paragraph repeats the first.`, toolCalls: [{ name: 'comment', arguments: { line: 2 } }] },
        ]),
      ),
      yak: Object.fromEntries(ids.map((id) => [id, `Short ${id}.`])),
    },
    compare: [{ a: 'zebra', b: 'yak', judge: 'human' }],
  });
}

function fakeIO(cwd: string): CliIO & { stdout: string[] } {
  const stdout: string[] = [];
  return { stdout, out: (t) => stdout.push(t), err: () => {}, interactive: false, colour: false, cwd, env: {} };
}

function readJudgmentsFile(runDir: string): JudgmentRecord[] {
  return readFileSync(path.join(runDir, 'judgments.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as JudgmentRecord);
}

async function openPage(url: string, apiBodies: string[]): Promise<Page> {
  const page = await browser.newPage();
  page.on('response', async (response) => {
    if (response.url().includes('/api/')) apiBodies.push(await response.text().catch(() => ''));
  });
  const external: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith('http://127.0.0.1')) external.push(request.url());
  });
  await page.goto(url);
  expect(external).toEqual([]);
  return page;
}

async function leftText(page: Page): Promise<string> {
  await page.locator('#left').waitFor();
  return page.locator('#left').innerText();
}

/** Wait until the progress counter says `done / total`. */
async function progress(page: Page, text: string): Promise<void> {
  await expect.poll(() => page.locator('#progress').innerText()).toBe(text);
}

describe('human judging page', () => {
  it('records blind judgments by key and button, survives a reload, and winrate counts them', async () => {
    const { root, runDir } = fixture();
    const session = await startHumanJudging(runDir, { rater: 'ana' });
    const apiBodies: string[] = [];
    const page = await openPage(session.url, apiBodies);
    const texts: string[] = [];

    await progress(page, '0 / 6');
    // A reload shows the same case with the same sides.
    const before = await leftText(page);
    await page.reload();
    await progress(page, '0 / 6');
    expect(await leftText(page)).toBe(before);

    // c1: skip with "s"; c2–c4: keys picking the long answer; c5: tie by button with a comment.
    await page.keyboard.press('s');
    await progress(page, '0 / 6');
    for (let done = 0; done < 3; done++) {
      texts.push(await page.locator('body').innerText());
      await page.keyboard.press((await leftText(page)).startsWith('Long') ? '1' : '2');
      await progress(page, `${done + 1} / 6`);
    }
    await page.locator('#comment').pressSequentially('Both miss the point; typing 1 2 3 s here is not a vote.');
    await page.locator('#choose-tie').click();
    await progress(page, '4 / 6');

    // c6: the hostile output is shown as text, and nothing in it ran.
    const hostile = await page.locator('#item').innerText();
    texts.push(await page.locator('body').innerText());
    expect(hostile).toContain('<img src=x onerror=');
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await page.locator((await leftText(page)).startsWith('Long') ? '#choose-left' : '#choose-right').click();
    await progress(page, '5 / 6');

    // Done, with the skipped case offered again.
    await page.locator('#done').waitFor();
    expect(await page.locator('#done').innerText()).toContain('1 skipped');
    await page.locator('#review').click();
    await page.keyboard.press((await leftText(page)).startsWith('Long') ? '1' : '2');
    await progress(page, '6 / 6');
    await page.locator('#done').waitFor();
    texts.push(await page.locator('body').innerText(), await page.content(), ...apiBodies);
    await page.close();
    await session.close();

    // The page never named a system, in what it showed or what it fetched.
    for (const text of texts) expect(text).not.toMatch(/zebra|yak/);

    const judgments = readJudgmentsFile(runDir);
    expect(judgments.map((j) => j.caseId)).toEqual(['c2', 'c3', 'c4', 'c5', 'c6', 'c1']);
    expect(judgments.every((j) => j.judge === 'human:ana' && j.a === 'zebra' && j.b === 'yak')).toBe(true);
    expect(judgments.map((j) => j.winner)).toEqual(['a', 'a', 'a', 'tie', 'a', 'a']);
    expect(judgments.find((j) => j.caseId === 'c5')?.comment).toBe('Both miss the point; typing 1 2 3 s here is not a vote.');
    // Sides were random, and recorded: both systems were on the left at some point.
    expect(new Set(judgments.map((j) => j.shownLeft))).toEqual(new Set(['a', 'b']));

    // Exported to CSV as a labelling tool would, with the winner as a system name.
    const csv = ['case_id,system_a,system_b,winner', ...judgments.map((j) => `${j.caseId},${j.a},${j.b},${j.winner === 'tie' ? 'tie' : j[j.winner!]}`)].join('\n');
    writeFileSync(path.join(root, 'export.csv'), csv + '\n');
    const io = fakeIO(root);
    expect(await winrateCommand('export.csv', { json: true }, io)).toBe(0);
    const summary = JSON.parse(io.stdout.join('\n')) as PairwiseSummary;
    expect(summary.comparisons).toHaveLength(1);
    expect(summary.comparisons[0]).toMatchObject({ a: 'zebra', b: 'yak', n: 6, wins: 5, losses: 0, ties: 1 });
    expect(summary.comparisons[0].winRate).toBeCloseTo(5.5 / 6, 10);

    // And the run's own judgments.jsonl reads the same.
    const direct = fakeIO(root);
    await winrateCommand(path.join(runDir, 'judgments.jsonl'), { json: true }, direct);
    expect((JSON.parse(direct.stdout.join('\n')) as PairwiseSummary).comparisons[0]).toMatchObject({ judge: 'human', raters: ['ana'], n: 6, wins: 5, ties: 1 });
  }, 60_000);

  it('asks a second rater for a name, resumes per rater, and reports agreement between raters', async () => {
    const { root, runDir } = fixture();
    const first = await startHumanJudging(runDir, { rater: 'ana' });
    const page = await openPage(first.url, []);
    for (let done = 0; done < 3; done++) {
      await page.keyboard.press((await leftText(page)).startsWith('Long') ? '1' : '2');
      await progress(page, `${done + 1} / 6`);
    }
    await page.close();
    await first.close();

    // A new session: ana resumes at 3 / 6; ben, unnamed in the URL, is asked and starts at 0.
    const second = await startHumanJudging(runDir);
    const ana = await openPage(`${second.url}?rater=ana`, []);
    await progress(ana, '3 / 6');
    await ana.close();
    const ben = await openPage(second.url, []);
    await ben.locator('#name').fill('ben');
    await ben.keyboard.press('Enter');
    await progress(ben, '0 / 6');
    expect(new URL(ben.url()).searchParams.get('rater')).toBe('ben');
    // ben prefers the short answer on c1 (disagreeing with ana) and agrees on c2.
    await ben.keyboard.press((await leftText(ben)).startsWith('Short') ? '1' : '2');
    await progress(ben, '1 / 6');
    await ben.keyboard.press((await leftText(ben)).startsWith('Long') ? '1' : '2');
    await progress(ben, '2 / 6');
    await ben.close();
    await second.close();

    const io = fakeIO(root);
    await winrateCommand(path.join(runDir, 'judgments.jsonl'), { json: true }, io);
    const summary = JSON.parse(io.stdout.join('\n')) as PairwiseSummary;
    expect(summary.comparisons[0]).toMatchObject({ raters: ['ana', 'ben'], n: 5, cases: 3, wins: 4, losses: 1 });
    expect(summary.agreement).toEqual([{ judges: ['human:ana', 'human:ben'], kind: 'raters', shared: 2, agreement: 0.5, kappa: 0 }]);
  }, 60_000);

  it("renders an output's markdown (bold, lists, code, safe links), while HTML in it shows as text and never runs", async () => {
    const markdown = [
      'The draft is **too long** and *vague*.',
      '',
      '- cut the intro',
      '- name the `deadline`',
      '',
      '[style guide](https://example.com/guide) · [click](javascript:window.__xss=3) · [local](/api/next)',
      '',
      ATTACK,
      '<a href="#" onclick="window.__xss=4">raw link</a> ![pixel](https://example.com/p.png)',
    ].join('\n');
    const { runDir } = writeRunFixture({
      cases: [{ id: 'md', messages: [{ role: 'user', content: 'Review my draft' }] }],
      outputs: { zebra: { md: markdown }, yak: { md: 'Plain **bold** answer.' } },
      compare: [{ a: 'zebra', b: 'yak', judge: 'human' }],
    });
    const session = await startHumanJudging(runDir, { rater: 'ana' });
    const page = await openPage(session.url, []);
    await progress(page, '0 / 1');
    const side = (await leftText(page)).startsWith('The draft') ? '#left' : '#right';
    const other = side === '#left' ? '#right' : '#left';

    // Markdown as a reader sees it.
    expect(await page.locator(`${side} strong`).allInnerTexts()).toEqual(['too long']);
    expect(await page.locator(`${side} em`).allInnerTexts()).toEqual(['vague']);
    expect(await page.locator(`${side} li`).allInnerTexts()).toEqual(['cut the intro', 'name the deadline']);
    expect(await page.locator(`${side} code`).allInnerTexts()).toEqual(['deadline']);
    expect(await page.locator(`${other} strong`).allInnerTexts()).toEqual(['bold']);
    // Only http(s) links are links (an image is one too: the page loads nothing); the others stay text.
    expect(await page.locator(`${side} a`).evaluateAll((links) => links.map((a) => [a.getAttribute('href'), a.textContent]))).toEqual([
      ['https://example.com/guide', 'style guide'],
      ['https://example.com/p.png', 'pixel'],
    ]);

    // HTML in the output is shown as text: no script, image or handler became an element, nothing ran.
    const shown = await page.locator(side).innerText();
    expect(shown).toContain('<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>');
    expect(shown).toContain('<a href="#" onclick="window.__xss=4">raw link</a>');
    expect(shown).toContain('[click](javascript:window.__xss=3)');
    expect(await page.locator(`${side} script, ${side} img, ${side} iframe`).count()).toBe(0);
    const handlers = await page.locator(`${side} *`).evaluateAll((nodes) => nodes.flatMap((n) => [...n.attributes].map((a) => a.name)).filter((name) => name.startsWith('on')));
    expect(handlers).toEqual([]);
    await page.waitForTimeout(200); // an onerror would have fired by now
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await page.close();
    await session.close();
  }, 60_000);

  it('shows control and bidi characters as marked code points everywhere, so none reorders what the rater reads', async () => {
    const RLO = '\u202e';
    const { runDir } = writeRunFixture({
      cases: [{ id: 'bidi', messages: [{ role: 'user', content: `Pay ${RLO}0001$ now` }], columns: { ideal_behavior: `Refuses ${RLO}evil` } }],
      outputs: {
        zebra: { bidi: { text: `Sent ${RLO}gnp.exe and \`code${RLO}x\` and [a link](https://example.com/x "tip${RLO}top")`, toolCalls: [{ name: 'pay', arguments: { to: `${RLO}mallory` } }] } },
        yak: { bidi: 'Plain answer.' },
      },
      compare: [{ a: 'zebra', b: 'yak', judge: 'human' }],
    });
    const session = await startHumanJudging(runDir, { rater: 'ana' });
    const page = await openPage(session.url, []);
    await progress(page, '0 / 1');
    const side = (await leftText(page)).startsWith('Sent') ? '#left' : '#right';
    await page.locator('#guidance-title summary').click();

    // No control character reaches the page's text; each shows as its code point.
    expect(await page.locator('body').innerText()).not.toContain(RLO);
    expect(await page.locator('#conversation').innerText()).toContain('Pay <U+202E>0001$ now');
    expect(await page.locator('#guidance').innerText()).toContain('Refuses <U+202E>evil');
    expect(await page.locator(`${side} .calls`).innerText()).toContain('<U+202E>mallory');
    // In the rendered markdown, as a marker (in prose and in code), and as text inside an attribute.
    expect(await page.locator(`${side} .text .control`).allInnerTexts()).toEqual(['U+202E', 'U+202E']);
    expect(await page.locator(`${side} .text code .control`).count()).toBe(1);
    const link = page.locator(`${side} .text a`);
    expect(await link.evaluate((a) => [...a.attributes].map((x) => x.name).sort())).toEqual(['href', 'rel', 'target', 'title']);
    expect(await link.getAttribute('title')).toBe('tip<U+202E>top');
    await page.close();
    await session.close();
  }, 60_000);

  it('checks a rater name as it is typed, and shows what the server says about one it refuses', async () => {
    const { runDir } = fixture();
    const session = await startHumanJudging(runDir);
    const apiBodies: string[] = [];
    const page = await openPage(session.url, apiBodies);
    const problem = page.locator('#name-problem');
    const long = 'Ana Maria Beatriz Carolina Dolores Esperanza Fernanda Gabriela';
    await page.locator('#name').fill(long);
    await expect.poll(() => problem.innerText()).toBe(`this name is ${long.length} characters long; a rater name is 1 to 60 characters: letters, digits, spaces and . _ - ' @ +`);
    await page.keyboard.press('Enter');
    await page.locator('#name').fill('ana<b>');
    await expect.poll(() => problem.innerText()).toContain('characters that are not allowed');
    await page.keyboard.press('Enter');
    // Neither name was sent: the page caught both where they were typed.
    expect(apiBodies).toEqual([]);
    expect(await page.locator('#name-form').isVisible()).toBe(true);

    // A name from the URL gets the same check, with the name kept in the box to correct.
    await page.goto(`${session.url}?rater=${encodeURIComponent(long)}`);
    await expect.poll(() => problem.innerText()).toContain(`this name is ${long.length} characters long`);
    expect(await page.locator('#name').inputValue()).toBe(long);

    // The server applies the same rule (a page of an older evals, a script): its 400 is shown as what
    // is wrong with the name, never as "Could not reach the judging server".
    await page.evaluate(`rater = ${JSON.stringify(long)}; load();`);
    await expect.poll(() => apiBodies.length).toBe(1);
    expect(JSON.parse(apiBodies[0])).toEqual({ error: `this name is ${long.length} characters long; a rater name is 1 to 60 characters: letters, digits, spaces and . _ - ' @ +` });
    await expect.poll(() => problem.innerText()).toContain('characters long');
    expect(await page.locator('#error').innerText()).not.toContain('Could not reach');

    await page.locator('#name').fill("  Ana María O'Neil-Smith  ");
    expect(await problem.innerText()).toBe('');
    await page.keyboard.press('Enter');
    await progress(page, '0 / 6');
    await page.close();
    await session.close();
  }, 60_000);
});
