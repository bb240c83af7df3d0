import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHumanJudging } from '../../src/judge/human-server.js';
import { launchChromium } from '../helpers/browser.js';
import { cleanEnv, runCli } from '../helpers/cli.js';
import { startFakeModelServer, type FakeModelServer } from '../helpers/fake-model-server.js';
import { grade, latestRunDir, plannedGrader, rubricProject } from './rubric-project.js';

// People label rubric-graded outputs on the human judging page, played by headless Chromium: the
// page shows the output and the rubric but nothing of the grader's verdict or the system's name, the
// labels land in the run folder, and `evals calibrate` pairs them with the grades.

const GRADER_SAYS = 'GRADER-REASONING';

describe('rubric items on the human judging page', () => {
  let server: FakeModelServer;
  let browser: Browser;
  beforeAll(async () => {
    // r3: the grader fails it, the person will pass it.
    server = await startFakeModelServer(
      plannedGrader({
        r1: [grade(true, `${GRADER_SAYS} r1`)],
        r2: [grade(false, `${GRADER_SAYS} r2`)],
        r3: [grade(false, `${GRADER_SAYS} r3`)],
        r4: [grade(false, `${GRADER_SAYS} r4`)],
      }),
    );
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server.close();
  });

  it('labels outputs blind to the grader, saves them in the run, and calibrate uses them', async () => {
    const env = cleanEnv({ OPENAI_BASE_URL: server.openaiBaseUrl, OPENAI_API_KEY: 'sk-test' });
    const project = rubricProject();
    expect((await runCli(['run', 'comments'], { cwd: project, env })).code).toBe(0);
    const runDir = latestRunDir(project);

    const session = await startHumanJudging(runDir, { rater: 'ana', root: project });
    expect(session.total).toBe(4);
    const page = await browser.newPage();
    const apiBodies: string[] = [];
    page.on('response', async (response) => {
      if (response.url().includes('/api/')) apiBodies.push(await response.text().catch(() => ''));
    });
    await page.goto(session.url);
    const progress = (text: string) => expect.poll(() => page.locator('#progress').innerText()).toBe(text);
    await progress('0 / 4');
    expect(await page.locator('#title').innerText()).toBe('Does the response meet the rubric?');
    expect(await page.locator('#single-output').innerText()).toContain('The intro: "We are pleased"');
    expect(await page.locator('#guidance').innerText()).toContain('Ideal: Quote the sentence and say what to change. The comment must quote the passage');
    expect(await page.locator('#pair').isVisible()).toBe(false);
    const shown = [await page.locator('body').innerText()];

    await page.keyboard.press('1'); // r1: meets the rubric
    await progress('1 / 4');
    await page.keyboard.press('2'); // r2: does not
    await progress('2 / 4');
    shown.push(await page.locator('body').innerText());
    await page.locator('#comment').pressSequentially('it quotes the ending after all');
    await page.locator('#label-pass').click(); // r3
    await progress('3 / 4');
    await page.locator('#label-fail').click(); // r4
    await progress('4 / 4');
    await page.locator('#done').waitFor();
    shown.push(await page.locator('body').innerText(), ...apiBodies);
    const html = await page.content();
    await page.close();
    await session.close();

    // Blind: neither the grader's reasoning nor its verdict nor the system's name reached the page.
    expect(html).not.toContain(GRADER_SAYS);
    for (const text of shown) {
      expect(text).not.toContain(GRADER_SAYS);
      expect(text).not.toMatch(/current|grader (passed|failed)|"(pass|grade|standing|system)"/);
    }
    const labels = readFileSync(path.join(runDir, 'rubric-labels.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(labels.map((l) => [l.caseId, l.system, l.rubric, l.pass, l.rater])).toEqual([
      ['r1', 'current', 'rubric', true, 'ana'],
      ['r2', 'current', 'rubric', false, 'ana'],
      ['r3', 'current', 'rubric', true, 'ana'],
      ['r4', 'current', 'rubric', false, 'ana'],
    ]);

    const calibrate = await runCli(['calibrate', 'comments', '--json'], { cwd: project, env });
    expect(calibrate.code, calibrate.stderr).toBe(0);
    const [rubric] = JSON.parse(calibrate.stdout).rubrics;
    expect(rubric.confusion).toEqual({ passPass: 1, passFail: 0, failPass: 1, failFail: 2 });
    expect(rubric.disagreements).toEqual([
      { caseId: 'r3', system: 'current', repeat: 0, human: 'pass', humanReason: 'it quotes the ending after all', grader: 'fail', graderReason: `${GRADER_SAYS} r3` },
    ]);
    // kappa by hand: po = 3/4; grader pass .25, people pass .5; pe = .25×.5 + .75×.5 = .5; kappa = (.75 − .5)/.5 = 0.5
    expect(rubric.kappa).toBeCloseTo(0.5, 12);
  });
});
