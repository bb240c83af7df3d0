import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyFixtureProject, runCli } from '../helpers/cli.js';

// Slices end to end: a recorded (column:) candidate whose outputs are planted twice, once for the
// baseline and once for the run, so that each slice has known transitions and decisions.
//
// Planted per segment (label, called in the baseline, called now, how many):
//   alpha: 8 × (yes, called, not called)  → pass→fail (FN now); 2 × (no, -, -) still passing (TN)
//   beta:  8 × (no, not called, called)   → pass→fail (FP now); 4 × (yes, called, called) (TP)
//   gamma: 6 × (yes, called, not called)  → pass→fail (FN now); 3 × TP and 3 × TN still passing
//   delta: 3 × TP, 2 × TN still passing; 1 × (no, called, called) still failing (FP)
// Tags: alpha and gamma are `writing`, beta `code`, delta `writing, code` (so in both tag slices).
//
// Reference computed independently with python3 (math.comb, no scipy here):
//   exact two-sided McNemar p = min(1, 2·P(X ≤ min(b, c))), X ~ Binomial(b + c, ½)
//     alpha b=8 c=0: 2·(½)^8 = 0.0078125; beta the same; gamma b=6 c=0: 2·(½)^6 = 0.03125; delta b=c=0: 1
//     writing b=14 c=0: 2·(½)^14 = 0.0001220703125; code b=8 c=0: 0.0078125
//   Holm step-down within one slice_by name: sort p ascending, adjusted p₍ᵢ₎ = max_{j ≤ i} min(1, (m − j)·p₍ⱼ₎)
//     segment (m = 4): alpha 4·0.0078125 = 0.03125; beta max(0.03125, 3·0.0078125 = 0.0234375) = 0.03125
//       (monotonicity lifts it); gamma max(0.03125, 2·0.03125) = 0.0625; delta max(0.0625, 1) = 1
//     tags (m = 2): writing 2·0.0001220703125 = 0.000244140625; code max(…, 1·0.0078125) = 0.0078125
//   So alpha and beta are regressed; gamma is not, although all 6 of its transitions are pass→fail and
//   its raw p is below 0.05: three other segments were tested beside it.
//   Wilson 95% (z = 1.959963984540054): p = k/n; d = 1 + z²/n; centre = (p + z²/2n)/d; half = z·sqrt(p(1−p)/n + z²/4n²)/d
//     alpha pass 2/10: [0.05668215145437519, 0.5098375284633583]; gamma pass 6/12: [0.2537815976337061, 0.7462184023662939]
//     gamma recall 3/9: [0.1205838183869109, 0.6457978644196036]
type Planted = [segment: string, tags: string, label: 'yes' | 'no', before: boolean, after: boolean, count: number];
const PLANTED: Planted[] = [
  ['alpha', 'writing', 'yes', true, false, 8],
  ['alpha', 'writing', 'no', false, false, 2],
  ['beta', 'code', 'no', false, true, 8],
  ['beta', 'code', 'yes', true, true, 4],
  ['gamma', 'writing', 'yes', true, false, 6],
  ['gamma', 'writing', 'yes', true, true, 3],
  ['gamma', 'writing', 'no', false, false, 3],
  ['delta', 'writing, code', 'yes', true, true, 3],
  ['delta', 'writing, code', 'no', false, false, 2],
  ['delta', 'writing, code', 'no', true, true, 1],
];

const CALLED = '→ canvas(type: document)';
const INLINE = 'Here is a short answer.';

function sheet(when: 'before' | 'after'): string {
  const rows = ['id,input,should_trigger,segment,tags,area,candidate_behavior'];
  let n = 0;
  for (const [segment, tags, label, before, after, count] of PLANTED) {
    for (let i = 0; i < count; i++) {
      n += 1;
      const called = when === 'before' ? before : after;
      // area: the first tag, so `code` and `writing` are values of two slice_by names when both are used.
      rows.push(`s${String(n).padStart(2, '0')},Request number ${n},${label},${segment},"${tags}",${tags.split(',')[0]},"${called ? CALLED : INLINE}"`);
    }
  }
  return rows.join('\n') + '\n';
}

function slicedProject(extra: string[] = [], gate = '{ max_regressions: null, systems: [candidate] }'): string {
  const project = copyFixtureProject('toy');
  writeFileSync(path.join(project, 'datasets', 'sliced.csv'), sheet('before'));
  writeFileSync(
    path.join(project, 'suites', 'sliced.yaml'),
    [
      'name: sliced',
      'dataset: datasets/sliced.csv',
      'systems:',
      '  candidate: { provider: "column:candidate_behavior" }',
      'checks:',
      '  - { type: tool-called, tool: canvas, expect: "{{should_trigger}}" }',
      'slice_by: [segment, tags]',
      ...extra,
      `gate: ${gate}`,
      '',
    ].join('\n'),
  );
  return project;
}

/** The baseline from the "before" outputs, then the sheet as it is now. */
async function withBaseline(project: string): Promise<void> {
  const first = await runCli(['run', 'sliced', '--update-baseline'], { cwd: project });
  expect(first.code, first.stderr + first.stdout).toBe(0);
  writeFileSync(path.join(project, 'datasets', 'sliced.csv'), sheet('after'));
}

function latestRun(project: string): string {
  const dir = path.join(project, 'reports', 'sliced');
  const runs = readdirSync(dir)
    .filter((name) => /^\d{8}-/.test(name))
    .sort();
  return path.join(dir, runs.at(-1)!);
}

interface Row {
  key: string;
  system: string;
  cases: number;
  pass: number;
  passRate: { estimate: number; low: number; high: number };
  passToFail: number;
  failToPass: number;
  pValue: number;
  holmP: number;
  regressed: boolean;
  decisions: Array<{ tp: number; fp: number; tn: number; fn: number; recall: { estimate: number; low: number; high: number } }>;
}

describe('slices: every number per slice, McNemar with Holm per slice_by name', () => {
  it('counts each slice exactly, and its p and Holm-adjusted p equal the reference; worst first', async () => {
    const project = slicedProject(['costs: { false_positive: 1, false_negative: 3 }']);
    await withBaseline(project);
    const result = await runCli(['run', 'sliced'], { cwd: project });
    // 30 regressions, but the suite turned max_regressions off: no rule fails.
    expect(result.code, result.stderr + result.stdout).toBe(0);

    const summary = JSON.parse(readFileSync(path.join(latestRun(project), 'summary.json'), 'utf8'));
    expect(summary.slices.by).toEqual(['segment', 'tags']);
    const rows = new Map<string, Row>(summary.slices.rows.map((row: Row) => [row.key, row]));
    expect([...rows.keys()].sort()).toEqual(['segment=alpha', 'segment=beta', 'segment=delta', 'segment=gamma', 'tags=code', 'tags=writing']);
    const expected: Record<string, [cases: number, pass: number, b: number, c: number, tp: number, fp: number, tn: number, fn: number, p: number, holm: number, regressed: boolean]> = {
      'segment=alpha': [10, 2, 8, 0, 0, 0, 2, 8, 0.0078125, 0.03125, true],
      'segment=beta': [12, 4, 8, 0, 4, 8, 0, 0, 0.0078125, 0.03125, true],
      'segment=gamma': [12, 6, 6, 0, 3, 0, 3, 6, 0.03125, 0.0625, false],
      'segment=delta': [6, 5, 0, 0, 3, 1, 2, 0, 1, 1, false],
      // writing = alpha + gamma + delta; code = beta + delta (delta's cases have both tags).
      'tags=writing': [28, 13, 14, 0, 6, 1, 7, 14, 0.0001220703125, 0.000244140625, true],
      'tags=code': [18, 9, 8, 0, 7, 9, 2, 0, 0.0078125, 0.0078125, true],
    };
    for (const [key, [cases, pass, b, c, tp, fp, tn, fn, p, holm, regressed]] of Object.entries(expected)) {
      const row = rows.get(key)!;
      expect([row.cases, row.pass, row.passToFail, row.failToPass], key).toEqual([cases, pass, b, c]);
      const [d] = row.decisions;
      expect([d.tp, d.fp, d.tn, d.fn], key).toEqual([tp, fp, tn, fn]);
      expect(row.pValue, key).toBeCloseTo(p, 14);
      expect(row.holmP, key).toBeCloseTo(holm, 14);
      expect(row.regressed, key).toBe(regressed);
    }
    const alpha = rows.get('segment=alpha')!;
    expect([alpha.passRate.estimate, alpha.passRate.low, alpha.passRate.high].map((x) => Number(x.toFixed(12)))).toEqual([0.2, 0.056682151454, 0.509837528463]);
    const gamma = rows.get('segment=gamma')!;
    expect(gamma.passRate.low).toBeCloseTo(0.2537815976337061, 12);
    expect(gamma.decisions[0].recall.estimate).toBeCloseTo(1 / 3, 12);
    expect(gamma.decisions[0].recall.low).toBeCloseTo(0.1205838183869109, 12);
    expect(gamma.decisions[0].recall.high).toBeCloseTo(0.6457978644196036, 12);
    // Cost per case by hand: (FP·1 + FN·3) / decisions. gamma (0 + 18) / 12 = 1.5; beta (8 + 0) / 12.
    const costOf = (key: string) => (rows.get(key)!.decisions[0] as unknown as { costPerCase: { estimate: number; low: number; high: number } }).costPerCase;
    expect(costOf('segment=gamma').estimate).toBeCloseTo(1.5, 12);
    expect(costOf('segment=beta').estimate).toBeCloseTo(8 / 12, 12);
    expect(costOf('segment=gamma').low).toBeLessThan(1.5);
    expect(costOf('segment=gamma').high).toBeGreaterThan(1.5);

    // Worst first: the regressed slices (lowest pass rate first), then the rest by pass rate.
    expect(summary.slices.rows.map((row: Row) => row.key)).toEqual(['segment=alpha', 'segment=beta', 'tags=writing', 'tags=code', 'segment=gamma', 'segment=delta']);

    // The terminal: the slice table and the regressed slices named.
    expect(result.stdout).toMatch(/Slices {2}\(by segment, tags; worst first\)/);
    expect(result.stdout).toMatch(/segment=alpha[^\n]*candidate[^\n]*20\.0% \[5\.7–51\.0\][^\n]*8[^\n]*0\.0078[^\n]*0\.031[^\n]*REGRESSED/);
    expect(result.stdout).toContain('4 regressed slices: segment=alpha (candidate, pass rate 20.0%), segment=beta (candidate, pass rate 33.3%)');
    expect(result.stdout).toContain('segment=alpha, candidate: should_trigger: tool-called canvas: TP 0, FP 0, TN 2, FN 8');
  }, 90_000);

  it('fails a per-slice rule and no_slice_regressed with their numbers (exit 1)', async () => {
    const project = slicedProject([], '{ max_regressions: null, systems: [candidate], no_slice_regressed: true, slices: { gamma: { min_recall: 0.9 }, delta: { min_pass_rate: 0.5 } } }');
    await withBaseline(project);
    const result = await runCli(['run', 'sliced'], { cwd: project });
    expect(result.code, result.stderr + result.stdout).toBe(1);
    expect(result.stdout).toContain(
      'gate failed: sliced/candidate: slice segment=gamma: should_trigger: tool-called canvas: recall 33.3% [12.1%, 64.6%] is below the minimum 90.0% (TP 3, FP 0, TN 3, FN 6)',
    );
    expect(result.stdout).toContain(
      'gate failed: sliced/candidate: slice segment=alpha regressed (no_slice_regressed): 8 pass→fail, 0 fail→pass, McNemar p 0.0078, Holm-adjusted 0.031 < 0.05; pass rate 20.0% over 10 cases',
    );
    // gamma's raw p is 0.031, but it is not regressed after Holm: not listed.
    expect(result.stdout).not.toContain('slice segment=gamma regressed');
    // delta passes its own rule (5 of 6).
    expect(result.stdout).not.toContain('slice segment=delta');
  }, 90_000);

  it('writes the slices into report.md (capped like the other sections) and report.html', async () => {
    const project = slicedProject();
    await withBaseline(project);
    expect((await runCli(['run', 'sliced', '--reporter', 'md,html'], { cwd: project })).code).toBe(0);
    const runDir = latestRun(project);
    const markdown = readFileSync(path.join(runDir, 'report.md'), 'utf8');
    expect(markdown).toContain('### Slices');
    expect(markdown).toContain('| segment=alpha | candidate | 10 | 20.0% \\[5.7–51.0\\] | 8 | 0 | 0.0078 | 0.031 | REGRESSED |');
    expect(markdown).toContain('| segment=gamma | candidate | 12 | 50.0% \\[25.4–74.6\\] | 6 | 0 | 0.031 | 0.063 | no |');
    expect(markdown).toContain('#### Decisions per slice');
    // No costs in this suite: the per-slice decision table has no cost column to leave empty.
    const perSlice = markdown.slice(markdown.indexOf('#### Decisions per slice'));
    expect(perSlice).toContain('| slice | system | decision | TP | FP | TN | FN | precision | recall | F1 | false-positive rate | balanced accuracy |\n');
    const html = readFileSync(path.join(runDir, 'report.html'), 'utf8');
    expect(html).toMatch(/<section id="slices"><h2>Slices<\/h2>[\s\S]*<tr class="regressed"><td>segment=alpha<\/td>/);
    expect(html).toContain('<td>segment=gamma</td><td>candidate</td><td class="num">12</td>');
  }, 90_000);

  it('--slice-by replaces slice_by; an unknown column or gate slice is exit 2 before any model call', async () => {
    const project = slicedProject();
    // validate says how big each slice is before anything runs (delta's cases are in both tag slices).
    const validated = await runCli(['validate', 'sliced'], { cwd: project });
    expect(validated.code, validated.stderr + validated.stdout).toBe(0);
    expect(validated.stdout).toContain('info: suites/sliced.yaml: slices by segment: alpha 10, beta 12, gamma 12, delta 6 (cases per slice)');
    expect(validated.stdout).toContain('info: suites/sliced.yaml: slices by tags: writing 28, code 18 (cases per slice)');
    const byTags = await runCli(['run', 'sliced', '--slice-by', 'tags'], { cwd: project });
    expect(byTags.code, byTags.stderr + byTags.stdout).toBe(0);
    const summary = JSON.parse(readFileSync(path.join(latestRun(project), 'summary.json'), 'utf8'));
    expect(summary.slices.by).toEqual(['tags']);
    const resumed = await runCli(['run', '--resume', path.basename(latestRun(project)), '--slice-by', 'segment'], { cwd: project });
    expect(resumed.code).toBe(2);
    expect(resumed.stderr).toContain('--resume finishes the run as it was started; --slice-by cannot change it');
    // No compared-with run yet: no transitions, nothing regressed, and no_slice_regressed says it checked nothing.
    expect(summary.slices.baselineRunId).toBeNull();
    const unchecked = await runCli(['run', 'sliced'], { cwd: slicedProject([], '{ max_regressions: null, no_slice_regressed: true, systems: [candidate] }') });
    expect(unchecked.code, unchecked.stderr + unchecked.stdout).toBe(0);
    expect(unchecked.stdout).toContain('warning: no_slice_regressed was not checked: no compared-with run, so no slice can have regressed');

    const unknown = slicedProject(['# segmnet is a typo']);
    writeFileSync(path.join(unknown, 'suites', 'sliced.yaml'), readFileSync(path.join(unknown, 'suites', 'sliced.yaml'), 'utf8').replace('slice_by: [segment, tags]', 'slice_by: [segmnet, tags]'));
    const bad = await runCli(['run', 'sliced'], { cwd: unknown });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/suites\/sliced\.yaml:\d+: slice_by: "segmnet" is not a column of datasets\/sliced\.csv \(did you mean "segment"\?\)/);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(path.join(unknown, 'reports', 'sliced'))).toBe(false);

    const flag = await runCli(['run', 'sliced', '--slice-by', 'segment,colour'], { cwd: project });
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('suites/sliced.yaml: --slice-by: "colour" is not a column of datasets/sliced.csv');

    const gateTypo = slicedProject([], '{ max_regressions: null, slices: { gamme: { min_recall: 0.9 } } }');
    const typo = await runCli(['run', 'sliced'], { cwd: gateTypo });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/suites\/sliced\.yaml:\d+: gate\.slices: no slice named "gamme" in datasets\/sliced\.csv \(did you mean "gamma"\?\)/);
    expect(existsSync(path.join(gateTypo, 'reports', 'sliced'))).toBe(false);

    // `code` is a value of both area and tags: the gate must say which.
    const twice = slicedProject([], '{ max_regressions: null, slices: { code: { min_recall: 0.9 } } }');
    const ambiguous = await runCli(['run', 'sliced', '--slice-by', 'area,tags'], { cwd: twice });
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toContain('gate.slices: "code" is a slice of more than one slice_by name: write "area=code" or "tags=code"');
    expect(existsSync(path.join(twice, 'reports', 'sliced'))).toBe(false);
  }, 90_000);

  it('caps report.md at 20 slice rows and says how many more report.html has', async () => {
    // One slice per case: 40 slices, each its own test in one Holm family.
    const project = slicedProject();
    const result = await runCli(['run', 'sliced', '--slice-by', 'id', '--reporter', 'md,html'], { cwd: project });
    expect(result.code, result.stderr + result.stdout).toBe(0);
    const runDir = latestRun(project);
    const markdown = readFileSync(path.join(runDir, 'report.md'), 'utf8');
    const section = markdown.slice(markdown.indexOf('### Slices'), markdown.indexOf('#### Decisions per slice'));
    expect(section.match(/^\| id=s\d\d \|/gm)).toHaveLength(20);
    expect(section).toContain('… 20 more slice rows (see report.html)');
    expect(markdown).toContain('… 20 more slice decision rows (see report.html)');
    const html = readFileSync(path.join(runDir, 'report.html'), 'utf8');
    expect(html.match(/<tr><td>id=s\d\d<\/td><td>candidate<\/td><td class="num">1<\/td>/g)).toHaveLength(40);
    // The terminal: the worst five, and where the rest are.
    expect(result.stdout).toContain('35 more slice rows in summary.json and the reports (--reporter md,html)');
  }, 90_000);
});
