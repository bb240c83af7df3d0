import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, runCli } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/temp-dir.js';

// The suite's checks are linted against each row as the dataset's first pass builds it (no pass of
// its own): a row a check cannot read is still named before anything runs, and only when the sheet
// itself loads, as before.

function project(rows: string[]): string {
  const dir = makeTempDir('row-lint');
  mkdirSync(path.join(dir, 'suites'));
  mkdirSync(path.join(dir, 'datasets'));
  writeFileSync(
    path.join(dir, 'suites', 'lint.yaml'),
    ['name: lint', 'dataset: datasets/cases.csv', 'systems:', '  current: { provider: "column:current_behavior" }', 'checks:', '  - { type: contains, value: "{{keyword}}" }', ''].join('\n'),
  );
  writeFileSync(path.join(dir, 'datasets', 'cases.csv'), ['id,input,keyword,current_behavior', ...rows, ''].join('\n'));
  return dir;
}

describe('the row lint, in the dataset first pass', () => {
  it('names each row a check cannot read (file, row, column), exit 2, nothing run', async () => {
    const cwd = project(['a,Hello,hi,hi there', 'b,Bye,,bye now', 'c,Again,yo,yo', 'd,More,   ,more']);
    const result = await runCli(['run', 'lint'], { cwd, env: cleanEnv() });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('datasets/cases.csv:3: column "keyword": keyword is empty');
    expect(result.stderr).toContain('datasets/cases.csv:5: column "keyword": keyword is empty');
    expect(result.stderr).not.toContain(':2:');
    expect(result.stderr).not.toContain(':4:');
    expect(result.stderr.indexOf('cases.csv:3:')).toBeLessThan(result.stderr.indexOf('cases.csv:5:'));
  });

  it("says only the sheet's own problems when it does not load, as before", async () => {
    const cwd = project(['a,Hello,hi,hi there', 'b,Bye,,bye now', 'a,Again,yo,yo']);
    const result = await runCli(['validate', 'lint'], { cwd, env: cleanEnv() });
    expect(result.code).toBe(2);
    expect(result.stderr + result.stdout).toContain('id "a" is used by rows 2 and 4');
    expect(result.stderr + result.stdout).not.toContain('keyword is empty');
  });

  it('runs a sheet every row of which the checks can read', async () => {
    const cwd = project(['a,Hello,hi,hi there', 'b,Bye,bye,bye now']);
    const result = await runCli(['run', 'lint', '--json'], { cwd, env: cleanEnv() });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)[0].systems[0]).toMatchObject({ pass: 2, fail: 0, error: 0 });
  });
});
