import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { writeTemplatedProject } from '../helpers/templated-sheet.js';
import { makeTempDir } from '../helpers/temp-dir.js';

// A sheet generated from four templates, so every row shares most of its words with thousands of
// others and most rows become near-duplicate candidates (tests/helpers/templated-sheet.ts), with the
// product's recorded outputs in a column. Through the built CLI: the one planted copy is reported,
// and the templated rows, none within Jaccard 0.9 of another, are not.

const ROWS = 20_000;

describe('evals validate and run on a templated sheet of 20,000 rows', () => {
  const dir = makeTempDir('templated');
  const sheet = writeTemplatedProject(dir, ROWS);

  it('validate reports the planted near-duplicate and no templated row', async () => {
    const result = await runCli(['validate', 'templated'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const [original, copy] = sheet.planted;
    expect(result.stdout).toContain(
      `datasets/templated.csv:${ROWS + 2}: column "input": rows ${Number(original.slice(1)) + 2} and ${ROWS + 2} have nearly the same input (ids "${original}" and "${copy}": differing only in "kindly")`,
    );
    expect(result.stdout.match(/nearly the same input/g)).toHaveLength(1);
    expect(result.stdout).toContain(`current (column current_behavior) passes ${ROWS + 1}/${ROWS + 1} (100%)`);
    expect(result.stdout).toContain(`suites/templated.yaml: ${ROWS + 1} cases, 1 warning, 0 errors`);
  }, 300_000);

  it('run scores every recorded row, reading the sheet from disk a piece at a time', async () => {
    const result = await runCli(['run', 'templated', '--systems', 'current', '--json', '--no-cache'], { cwd: dir });
    expect(result.code).toBe(0);
    const [summary] = JSON.parse(result.stdout) as Array<{ systems: Array<{ pass: number; fail: number; error: number; results: number }> }>;
    expect(summary.systems).toEqual([expect.objectContaining({ pass: ROWS + 1, fail: 0, error: 0, results: ROWS + 1 })]);
  }, 300_000);
});
