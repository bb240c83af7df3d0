import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyFixtureProject, runCli } from '../helpers/cli.js';

// `evals run --all --no-suite-regressed`: may a candidate become the next champion? Not when any
// suite regressed, even one whose own gate tolerates regressions. Without the flag the run says which
// rule decided, and names the regressions a suite's gate let through.

describe('--no-suite-regressed across --all', () => {
  it('one tolerated regression in one suite fails the whole run with the flag, and is named without it', async () => {
    const dir = copyFixtureProject('toy');
    const suite = readFileSync(path.join(dir, 'suites', 'toy.yaml'), 'utf8');
    // toy2 gates its recorded system and tolerates regressions (max_regressions: null).
    writeFileSync(
      path.join(dir, 'suites', 'toy2.yaml'),
      suite.replace('name: toy', 'name: toy2').replace('datasets/toy.csv', 'datasets/toy2.csv').replace('gate: { max_regressions: 0 }', 'gate: { max_regressions: null, systems: [current] }'),
    );
    copyFileSync(path.join(dir, 'datasets', 'toy.csv'), path.join(dir, 'datasets', 'toy2.csv'));
    expect((await runCli(['run', '--all', '--update-baseline'], { cwd: dir })).code).toBe(0);
    const csv = path.join(dir, 'datasets', 'toy2.csv');
    writeFileSync(csv, readFileSync(csv, 'utf8').replace('t02,What is the capital of Peru?,no,Lima.', 't02,What is the capital of Peru?,no,→ canvas'));

    const lenient = await runCli(['run', '--all'], { cwd: dir });
    expect(lenient.code).toBe(0);
    expect(lenient.stdout).toContain(
      "across suites: each suite's own gate applied (--no-suite-regressed fails the run on any regression in any suite); regressions a suite's gate allowed: toy2/current (1 regressed: t02)",
    );

    const strict = await runCli(['run', '--all', '--no-suite-regressed'], { cwd: dir });
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain('no_suite_regressed failed: toy2/current (1 regressed: t02)');

    writeFileSync(csv, readFileSync(path.join(dir, 'datasets', 'toy.csv')));
    const clean = await runCli(['run', '--all', '--no-suite-regressed'], { cwd: dir });
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain('no_suite_regressed passed: none of the 2 suites regressed');
  }, 120_000);
});
