import { describe, expect, it } from 'vitest';
import { copyFixtureProject, runCli } from '../helpers/cli.js';

// A PM saves the sheet from Excel as "Unicode Text" (UTF-16, tab-separated) and types `usr:` for
// `user:` in row 7. Both commands read the file, say where the slip is, and still exit 0.

const WARNING = 'warning: datasets/exports.txt:7: column "input": first line starts with "usr:"; did you mean "user:"? (read as plain text)';

describe('a "Unicode Text" dataset with a near-miss role label', () => {
  it('evals validate loads it and warns with file, row and column, exit 0', async () => {
    const project = copyFixtureProject('unicode-text');
    const result = await runCli(['validate', 'exports'], { cwd: project });
    expect(result.stdout.split('\n')).toContain(`  ${WARNING}`);
    expect(result.stdout).toContain('suites/exports.yaml: 6 cases, 1 warning, 0 errors');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('evals run shows the same warning before running, and it does not change the exit code', async () => {
    const project = copyFixtureProject('unicode-text');
    const result = await runCli(['run', 'exports', '--ci'], { cwd: project });
    expect(result.stderr.split('\n')).toContain(WARNING);
    expect(result.stdout).toContain('exports  6 cases × 1 repeat');
    expect(result.code).toBe(0);
  });
});
