import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, runCli } from '../helpers/cli.js';
import { startFakeModelServer, type FakeModelServer } from '../helpers/fake-model-server.js';
import { grade, latestRunDir, plannedGrader, readResults, rubricProject } from './rubric-project.js';

// Calibration end to end: planted grader verdicts, planted human labels in the sheet, and the kappa,
// interval and confusion matrix `evals calibrate` prints checked against arithmetic done by hand.
//
// The plan (10 outputs): grader passes r1–r6 and fails r7–r10; people pass r1–r4 and r7, fail the rest.
//   both pass 4 (r1–r4), grader pass / people fail 2 (r5, r6), grader fail / people pass 1 (r7), both fail 3.
//   proportions p[grader][people]: pp .4, pf .2, fp .1, ff .3; grader marginals pass .6 fail .4; people .5 / .5.
//   observed agreement po = .4 + .3 = .7; chance pe = .6×.5 + .4×.5 = .5; kappa = (.7 − .5) / (1 − .5) = 0.4.
//   Fleiss, Cohen & Everitt (1969) variance = (A + (1−κ)²·B − C) / (n (1−pe)²) with
//     A = Σ p_ii [1 − (p_i. + p_.i)(1−κ)]² = .4(1 − 1.1×.6)² + .3(1 − .9×.6)² = .4×.1156 + .3×.2116 = .10972
//     B = Σ_{i≠j} p_ij (p_.i + p_j.)² = .2×(.5 + .4)² + .1×(.5 + .6)² = .162 + .121 = .283
//     C = [κ − pe(1−κ)]² = (.4 − .3)² = .01
//   variance = (.10972 + .36×.283 − .01) / (10 × .25) = .2016 / 2.5 = .08064, SE = .283972
//   95% interval = .4 ± 1.959964 × .283972 = [−0.156575, 0.956575].
const KAPPA = 0.4;
const LOW = 0.4 - 1.959963984540054 * Math.sqrt(0.08064);
const HIGH = 0.4 + 1.959963984540054 * Math.sqrt(0.08064);

const HUMAN: Record<string, string> = { r1: 'pass', r2: 'pass', r3: 'pass', r4: 'pass', r5: 'fail', r6: 'fail', r7: 'pass', r8: 'fail', r9: 'fail', r10: 'fail' };
const HUMAN_REASON: Record<string, string> = { r5: 'it never quotes the passage', r7: 'the quote is there, in the second line' };
const GRADER = plannedGrader(Object.fromEntries(Object.keys(HUMAN).map((id, i) => [id, [grade(i < 6, i < 6 ? `grader likes ${id}` : `grader dislikes ${id}`)]])));

describe('evals calibrate', () => {
  let server: FakeModelServer;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    server = await startFakeModelServer(GRADER);
    env = cleanEnv({ OPENAI_BASE_URL: server.openaiBaseUrl, OPENAI_API_KEY: 'sk-test' });
  });
  afterAll(() => server.close());

  it("reports the hand-checked kappa, interval and confusion matrix, saves calibration.json, and the next run's results carry it", async () => {
    server.setBrain(GRADER);
    const project = rubricProject({ count: 10, columns: { human_verdict: HUMAN, human_reason: HUMAN_REASON } });
    expect((await runCli(['run', 'comments'], { cwd: project, env })).code).toBe(0);

    const json = await runCli(['calibrate', 'comments', '--json'], { cwd: project, env });
    expect(json.code, json.stderr).toBe(0);
    const report = JSON.parse(json.stdout);
    const [rubric] = report.rubrics;
    expect(rubric).toMatchObject({ rubric: 'rubric', grader: 'openai:grader-model', system: 'current', n: 10 });
    expect(rubric.accuracy).toBeCloseTo(0.7, 12);
    expect(rubric.kappa).toBeCloseTo(KAPPA, 12);
    expect(rubric.low).toBeCloseTo(LOW, 12);
    expect(rubric.high).toBeCloseTo(HIGH, 12);
    expect(rubric.confusion).toEqual({ passPass: 4, passFail: 2, failPass: 1, failFail: 3 });
    expect(rubric.disagreements.map((d: { caseId: string }) => d.caseId)).toEqual(['r5', 'r6', 'r7']);
    expect(report.method).toContain('Fleiss, Cohen & Everitt (1969)');

    // results.jsonl is written in the order answers finish: the disagreements are listed by case
    // whatever that order was (reversed here, r7 first: listed in file order before).
    const resultsFile = path.join(latestRunDir(project), 'results.jsonl');
    const lines = readFileSync(resultsFile, 'utf8').trimEnd().split('\n');
    writeFileSync(resultsFile, [...lines].reverse().join('\n') + '\n');
    const reversed = await runCli(['calibrate', 'comments', '--json'], { cwd: project, env });
    expect(JSON.parse(reversed.stdout).rubrics[0].disagreements).toEqual(rubric.disagreements);
    writeFileSync(resultsFile, lines.join('\n') + '\n');

    const text = await runCli(['calibrate', 'comments'], { cwd: project, env });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("labelled 10, accuracy 70.0%, Cohen's kappa 0.40 [95% -0.16, 0.96]");
    expect(text.stdout).toMatch(/grader pass\s+4\s+2\n\s+grader fail\s+1\s+3/);
    expect(text.stdout).toContain('r5: grader pass: "grader likes r5"; people fail: "it never quotes the passage"');
    expect(text.stdout).toContain('r7: grader fail: "grader dislikes r7"; people pass: "the quote is there, in the second line"');
    expect(text.stdout).toContain('r6: grader pass: "grader likes r6"; people fail: (no reason given)');

    const saved = JSON.parse(readFileSync(path.join(project, 'reports', 'comments', 'calibration.json'), 'utf8'));
    expect(saved.rubrics.rubric).toMatchObject({ grader: 'openai:grader-model', n: 10, confusion: { passPass: 4, passFail: 2, failPass: 1, failFail: 3 } });
    expect(saved.rubrics.rubric.kappa).toBeCloseTo(KAPPA, 12);

    // The next run finds the saved calibration: its rubric results are no longer marked uncalibrated.
    server.resetCounts();
    expect((await runCli(['run', 'comments', '--reporter', 'md'], { cwd: project, env })).code).toBe(0);
    expect(server.requests).toHaveLength(0);
    const results = readResults(latestRunDir(project));
    expect(results[0].checks[0].grade?.standing).toEqual({ kappa: expect.closeTo(KAPPA, 12), n: 10, belowBar: false });
    expect(results.every((r) => !r.checks[0].reason.includes('not calibrated'))).toBe(true);
  });

  it('prints the first 50 disagreements by case and how many there are; --json lists them with the count', async () => {
    // 60 outputs the grader passes and people fail: r1, r10, r11, … by case id (code points), r60 last.
    const ids = Array.from({ length: 60 }, (_, i) => `r${i + 1}`);
    server.setBrain(plannedGrader(Object.fromEntries(ids.map((id) => [id, [grade(true, `grader likes ${id}`)]]))));
    const project = rubricProject({ count: 60, columns: { human_verdict: Object.fromEntries(ids.map((id) => [id, 'fail'])) } });
    expect((await runCli(['run', 'comments'], { cwd: project, env })).code).toBe(0);
    const text = await runCli(['calibrate', 'comments'], { cwd: project, env });
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('60 disagreements (the first 50 by case; --json lists 60):');
    const listed = [...text.stdout.matchAll(/^ {4}(r\d+): grader pass/gm)].map((m) => m[1]);
    const byCase = [...ids].sort();
    expect(listed).toEqual(byCase.slice(0, 50));
    const json = JSON.parse((await runCli(['calibrate', 'comments', '--json'], { cwd: project, env })).stdout);
    expect(json.rubrics[0].disagreementCount).toBe(60);
    expect(json.rubrics[0].disagreements.map((d: { caseId: string }) => d.caseId)).toEqual(byCase);
  });

  it("a run of part of the suite is calibrated but not saved over the suite's calibration, unless --save", async () => {
    server.setBrain(GRADER);
    const project = rubricProject({ count: 10, columns: { human_verdict: HUMAN, human_reason: HUMAN_REASON } });
    const file = path.join(project, 'reports', 'comments', 'calibration.json');
    expect((await runCli(['run', 'comments', '--limit', '4'], { cwd: project, env })).code).toBe(0);

    const text = await runCli(['calibrate', 'comments'], { cwd: project, env });
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('labelled 4, accuracy 100.0%');
    expect(text.stdout + text.stderr).toMatch(/not saved: run \S+ covered part of the suite \(--limit 4\); calibrate a run of the whole suite, or pass --save to keep this one/);
    expect(existsSync(file)).toBe(false);
    const json = JSON.parse((await runCli(['calibrate', 'comments', '--json'], { cwd: project, env })).stdout);
    expect(json).toMatchObject({ saved: null, notSaved: expect.stringContaining('--limit 4') });
    expect(existsSync(file)).toBe(false);

    const saved = await runCli(['calibrate', 'comments', '--save'], { cwd: project, env });
    expect(saved.stdout).toContain('saved: reports/comments/calibration.json');
    expect(JSON.parse(readFileSync(file, 'utf8')).rubrics.rubric.n).toBe(4);
  });

  it('min_grader_agreement: a grader below the bar fails the gate (exit 1) with its numbers, and reports mark its results', async () => {
    server.setBrain(GRADER);
    const project = rubricProject({ count: 10, columns: { human_verdict: HUMAN }, gate: '{ systems: [current], min_grader_agreement: 0.6 }' });
    const run = await runCli(['run', 'comments'], { cwd: project, env });
    expect(run.code, run.stdout + run.stderr).toBe(1);
    expect(run.stdout).toContain('rubric rubric: grader agreement kappa 0.40 [95% -0.16, 0.96] on 10 labelled outputs (labelled in this run) is below min_grader_agreement 0.60');

    const calibrate = await runCli(['calibrate', 'comments'], { cwd: project, env });
    expect(calibrate.code).toBe(1);
    expect(calibrate.stdout).toContain('gate failed: comments: rubric rubric: grader agreement kappa 0.40');

    const again = await runCli(['run', 'comments', '--reporter', 'md,html'], { cwd: project, env });
    expect(again.code).toBe(1);
    const runDir = latestRunDir(project);
    const mark = '[grader below the bar: kappa 0.40 < 0.60]';
    expect(readResults(runDir).every((r) => r.checks[0].reason.endsWith(mark))).toBe(true);
    const markdown = readFileSync(path.join(runDir, 'report.md'), 'utf8');
    expect(markdown).toContain('grader dislikes r7 \\[grader below the bar: kappa 0.40 &lt; 0.60\\]');
    expect(markdown).toContain('current: rubric rubric: grader below the bar');
    expect(readFileSync(path.join(runDir, 'report.html'), 'utf8')).toContain('current: rubric rubric: grader below the bar');
    expect(again.stdout).toContain('current: rubric rubric: grader below the bar');
    // A stored run re-gated by evals report applies the rule too.
    const report = await runCli(['report', 'comments', '--gate'], { cwd: project, env });
    expect(report.code).toBe(1);
  });

  it('min_grader_agreement with no calibration data at all is an error (exit 2) before any call', async () => {
    const project = rubricProject({ gate: '{ min_grader_agreement: 0.6 }' });
    server.resetCounts();
    const run = await runCli(['run', 'comments'], { cwd: project, env });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('gate.min_grader_agreement needs calibration data for rubric rubric (grader openai:grader-model): label outputs in a human_verdict:rubric or human_verdict column');
    expect(server.requests).toHaveLength(0);
    expect(existsSync(path.join(project, 'reports'))).toBe(false);
  });

  it('a human verdict that is not pass or fail is an error naming file, row and column (exit 2) before any call', async () => {
    const project = rubricProject({ columns: { human_verdict: { r1: 'pass', r3: 'maybe' } } });
    server.resetCounts();
    const run = await runCli(['run', 'comments'], { cwd: project, env });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('datasets/comments.csv:4: column "human_verdict": "maybe" is not pass or fail');
    expect(server.requests).toHaveLength(0);
  });

  it('with several rubrics each is labelled in human_verdict:<name> and calibrated on its own', async () => {
    const checks = `checks:
  - { type: rubric, name: quotes, grader: "openai:grader-model", rubric: "Quotes the passage. [quotes]" }
  - { type: rubric, name: actionable, grader: "openai:grader-model", rubric: "Says what to change. [actionable]" }
`;
    // This grader passes everything for "quotes" and fails everything for "actionable".
    server.setBrain((request) => {
      const prompt = request.messages.map((m) => m.content).join('\n');
      return grade(prompt.includes('[quotes]'), 'planted');
    });
    const project = rubricProject({ checks, columns: { 'human_verdict:quotes': { r1: 'pass', r2: 'fail', r3: 'pass' }, 'human_verdict:actionable': { r1: 'fail', r4: 'fail' } } });
    expect((await runCli(['run', 'comments'], { cwd: project, env })).code).toBe(0);
    const json = await runCli(['calibrate', 'comments', '--json'], { cwd: project, env });
    expect(json.code, json.stderr).toBe(0);
    const byName = Object.fromEntries(JSON.parse(json.stdout).rubrics.map((r: { rubric: string }) => [r.rubric, r]));
    expect(byName.quotes.confusion).toEqual({ passPass: 2, passFail: 1, failPass: 0, failFail: 0 });
    expect(byName.actionable.confusion).toEqual({ passPass: 0, passFail: 0, failPass: 0, failFail: 2 });
    expect(byName.quotes.accuracy).toBeCloseTo(2 / 3, 12);
    expect(byName.actionable.kappa).toBeNull(); // one verdict from both sides: kappa is undefined
  });
});
