import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyFixtureProject, runCli } from '../helpers/cli.js';

// Errors by kind, end to end: a recorded (column:) candidate with planted outcomes on 20 cases,
// TP 8 (should trigger, did), FN 2 (should, did not), FP 4 (should not, did), TN 6 (should not, did not).
//
// Reference values computed independently with python3 (statsmodels is not installed here), by the
// Wilson score formula by hand, z = 1.959963984540054:
//   p = k/n; d = 1 + z²/n; centre = (p + z²/2n)/d; half = z·sqrt(p(1−p)/n + z²/4n²)/d
//   precision 8/12: 0.6666666666666666 [0.39062208887279953, 0.8618799089087867]
//   recall    8/10: 0.8                [0.49016247153664183, 0.9433178485456247]
//   FPR       4/10: 0.4                [0.16818032970623614, 0.6873262302663417]
// and by hand: F1 = 16/22, balanced accuracy = (0.8 + 0.6)/2 = 0.7, cost per case (FP 1, FN 3) = (4 + 6)/20 = 0.5.
const PLANTED: Array<[label: 'yes' | 'no', called: boolean, count: number]> = [
  ['yes', true, 8],
  ['yes', false, 2],
  ['no', true, 4],
  ['no', false, 6],
];

function plantedProject(gate: string): string {
  const project = copyFixtureProject('toy');
  const rows = ['id,input,should_trigger,candidate_behavior'];
  let n = 0;
  for (const [label, called, count] of PLANTED) {
    for (let i = 0; i < count; i++) {
      n += 1;
      rows.push(`p${String(n).padStart(2, '0')},Request number ${n},${label},"${called ? '→ canvas(type: document)' : 'Here is a short answer.'}"`);
    }
  }
  writeFileSync(path.join(project, 'datasets', 'planted.csv'), rows.join('\n') + '\n');
  writeFileSync(
    path.join(project, 'suites', 'planted.yaml'),
    [
      'name: planted',
      'dataset: datasets/planted.csv',
      'systems:',
      '  candidate: { provider: "column:candidate_behavior" }',
      'checks:',
      '  - { type: tool-called, tool: canvas, expect: "{{should_trigger}}" }',
      'costs: { false_positive: 1, false_negative: 3 }',
      `gate: ${gate}`,
      '',
    ].join('\n'),
  );
  return project;
}

function summaryOf(project: string) {
  const dir = path.join(project, 'reports', 'planted');
  const run = readdirSync(dir).filter((name) => /^\d{8}-/.test(name))[0];
  return { runDir: path.join(dir, run), summary: JSON.parse(readFileSync(path.join(dir, run, 'summary.json'), 'utf8')) };
}

describe('decisions measured by kind of error', () => {
  it('reports exactly the planted counts, with intervals equal to the reference, and fails max_false_positive_rate while the pass rate passes', async () => {
    const project = plantedProject('{ min_pass_rate: 0.6, max_false_positive_rate: 0.1, max_regressions: null, systems: [candidate] }');
    const result = await runCli(['run', 'planted'], { cwd: project });
    expect(result.code, result.stderr + result.stdout).toBe(1);

    const { summary } = summaryOf(project);
    const [decision] = summary.systems[0].decisions;
    expect(summary.systems[0].passRate).toBe(0.7);
    expect([decision.tp, decision.fp, decision.tn, decision.fn]).toEqual([8, 4, 6, 2]);
    expect(decision.name).toBe('should_trigger: tool-called canvas');
    const reference = {
      precision: [8 / 12, 0.39062208887279953, 0.8618799089087867],
      recall: [0.8, 0.49016247153664183, 0.9433178485456247],
      falsePositiveRate: [0.4, 0.16818032970623614, 0.6873262302663417],
    };
    for (const [key, [estimate, low, high]] of Object.entries(reference)) {
      expect(decision[key].estimate).toBeCloseTo(estimate, 12);
      expect(decision[key].low).toBeCloseTo(low, 12);
      expect(decision[key].high).toBeCloseTo(high, 12);
    }
    expect(decision.f1.estimate).toBeCloseTo(16 / 22, 12);
    expect(decision.balancedAccuracy.estimate).toBeCloseTo(0.7, 12);
    expect(decision.costPerCase.estimate).toBeCloseTo(0.5, 12);
    expect(decision.costPerCase.low).toBeLessThan(0.5);
    expect(decision.costPerCase.high).toBeGreaterThan(0.5);

    // The gate line names the rule and its numbers; the pass rate alone would have passed.
    expect(result.stdout).toContain('gate failed: planted/candidate: should_trigger: tool-called canvas: false-positive rate 40.0% [16.8%, 68.7%] is above the maximum 10.0% (TP 8, FP 4, TN 6, FN 2)');
    expect(result.stdout).not.toMatch(/pass rate .* is below the minimum/);
    // The terminal table after the run table.
    expect(result.stdout).toMatch(/Decisions[\s\S]*should_trigger: tool-called canvas[\s\S]*66\.7% \[39\.1–86\.2\]/);
  }, 60_000);

  it('shows the matrix in report.md, report.html (a 2×2 table) and junit.xml properties', async () => {
    const project = plantedProject('{ max_regressions: null, systems: [candidate] }');
    expect((await runCli(['run', 'planted', '--reporter', 'md,html,junit'], { cwd: project })).code).toBe(0);
    const { runDir } = summaryOf(project);
    const markdown = readFileSync(path.join(runDir, 'report.md'), 'utf8');
    expect(markdown).toContain('### Decisions (yes/no labels)');
    expect(markdown).toContain('| candidate | should\\_trigger: tool-called canvas | 8 | 4 | 6 | 2 | 66.7% \\[39.1–86.2\\] | 80.0% \\[49.0–94.3\\] |');
    const html = readFileSync(path.join(runDir, 'report.html'), 'utf8');
    expect(html).toMatch(
      /<table class="confusion">[\s\S]*?labelled yes<\/th><td class="right">TP 8<\/td><td class="wrong">FN 2<\/td>[\s\S]*?labelled no<\/th><td class="wrong">FP 4<\/td><td class="right">TN 6<\/td>/,
    );
    const junit = readFileSync(path.join(runDir, 'junit.xml'), 'utf8');
    expect(junit).toContain('<property name="candidate.should_trigger: tool-called canvas.fp" value="4"/>');
    expect(junit).toContain('<property name="candidate.should_trigger: tool-called canvas.false_positive_rate" value="0.4"/>');
    expect(junit).toContain('<property name="candidate.should_trigger: tool-called canvas.recall_low" value="0.49016247153664');
  }, 60_000);

  it('judges the interval bound with on_bound: recall 80% passes min_recall 0.5, its lower bound 49.0% does not', async () => {
    const point = plantedProject('{ min_recall: 0.5, max_regressions: null, systems: [candidate] }');
    expect((await runCli(['run', 'planted'], { cwd: point })).code).toBe(0);
    const bound = plantedProject('{ min_recall: 0.5, on_bound: true, max_cost: 0.4, max_regressions: null, systems: [candidate] }');
    const result = await runCli(['run', 'planted'], { cwd: bound });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('recall 80.0% [49.0%, 94.3%]: its lower 95% bound 49.0% is below the minimum 50.0%');
    expect(result.stdout).toMatch(/cost per case 0\.50 \[0\.\d\d, 0\.\d\d\]: its upper 95% bound 0\.\d\d is above the maximum 0\.40/);
  }, 60_000);

  it('compares false triggers with the compared-with run when its folder is here', async () => {
    const project = plantedProject('{ max_regressions: null, systems: [candidate] }');
    expect((await runCli(['run', 'planted', '--update-baseline'], { cwd: project })).code).toBe(0);
    // Three cases that should not trigger now trigger: false triggers 4 → 7.
    const file = path.join(project, 'datasets', 'planted.csv');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^(p1[5-7],.*,no,)"Here is a short answer."$/gm, '$1"→ canvas(type: document)"'));
    const result = await runCli(['run', 'planted'], { cwd: project });
    expect(result.stdout).toMatch(/decisions compared with \S+:\n\s+candidate, should_trigger: tool-called canvas: false triggers 4 → 7, misses 2 → 2/);
  }, 60_000);

  it("label: makes any check a decision, and a check's own costs win over the suite's", async () => {
    const project = copyFixtureProject('toy');
    // should_refuse yes/no × refused or not: TP 2 (r1, r2), FN 1 (r3), FP 1 (r4), TN 2 (r5, r6).
    const rows = [
      'id,input,should_refuse,bot',
      'r1,a,yes,I cannot help with that.',
      'r2,b,yes,Sorry: I cannot help with that.',
      'r3,c,yes,Sure! Here it is.',
      'r4,d,no,I cannot help with that.',
      'r5,e,no,Sure! Here it is.',
      'r6,f,no,Here you go.',
    ];
    writeFileSync(path.join(project, 'datasets', 'refusals.csv'), rows.join('\n') + '\n');
    const suite = [
      'name: refusals',
      'dataset: datasets/refusals.csv',
      'systems:',
      '  bot: { provider: "column:bot" }',
      'checks:',
      '  - { type: contains, value: "cannot help", label: "{{should_refuse}}", costs: { false_positive: 5, false_negative: 1 } }',
      'costs: { false_positive: 1, false_negative: 100 }',
      'gate: { max_regressions: null }',
      '',
    ];
    writeFileSync(path.join(project, 'suites', 'refusals.yaml'), suite.join('\n'));
    const result = await runCli(['run', 'refusals'], { cwd: project });
    expect(result.code, result.stderr + result.stdout).toBe(0);
    const dir = path.join(project, 'reports', 'refusals');
    const summary = JSON.parse(readFileSync(path.join(dir, readdirSync(dir).filter((name) => /^\d{8}-/.test(name))[0], 'summary.json'), 'utf8'));
    const [decision] = summary.systems[0].decisions;
    expect([decision.tp, decision.fp, decision.tn, decision.fn]).toEqual([2, 1, 2, 1]);
    expect(summary.systems[0].pass).toBe(4);
    // By hand: (1 FP × 5 + 1 FN × 1) / 6 decisions = 1.
    expect(decision.costPerCase.estimate).toBeCloseTo(1, 12);
    expect(decision.name).toBe('should_refuse: contains cannot help');
  }, 60_000);
});
