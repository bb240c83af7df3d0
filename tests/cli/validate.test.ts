import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateCommand } from '../../src/cli/commands/validate.js';
import type { CliIO } from '../../src/cli/io.js';
import { ConfigurationError } from '../../src/errors.js';
import { repoRoot } from '../helpers/cli.js';

// The broken corpus: each folder under tests/fixtures/broken is a tiny project with one planted
// problem. `validate` must report it exactly once, where it is, and exit 2 (0 for warnings only).

function captureIO(cwd: string): CliIO & { stdout: string[] } {
  const stdout: string[] = [];
  return { stdout, out: (text) => stdout.push(...text.split('\n')), err: () => {}, interactive: false, colour: false, cwd, env: {} };
}

async function validate(fixture: string, names = ['cases'], options = {}) {
  const io = captureIO(path.join(repoRoot, 'tests', 'fixtures', 'broken', fixture));
  const code = await validateCommand(names, options, io);
  return { code, lines: io.stdout };
}

const CORPUS: Array<{ fixture: string; planted: string; exit: 0 | 2 }> = [
  { fixture: 'bad-label', exit: 2, planted: 'error: datasets/cases.csv:3: column "should_trigger": "yess" is not yes/no' },
  { fixture: 'ragged-row', exit: 2, planted: 'error: datasets/cases.csv:4: row has 6 cells, the header has 5' },
  { fixture: 'missing-input-column', exit: 2, planted: 'error: datasets/cases.csv:1: no "input" column; the columns are: id, prompt,' },
  { fixture: 'duplicate-id', exit: 2, planted: 'error: datasets/cases.csv:5: column "id": id "essay" is used by rows 2 and 5' },
  { fixture: 'duplicate-input', exit: 2, planted: 'error: datasets/cases.csv:8: column "input": rows 5 and 8 have the same input' },
  { fixture: 'near-duplicate-input', exit: 0, planted: 'warning: datasets/cases.csv:9: column "input": rows 8 and 9 have nearly the same input' },
  { fixture: 'unknown-suite-key', exit: 2, planted: 'error: suites/cases.yaml:2: unknown key "descripton" (did you mean "description"?)' },
  { fixture: 'unknown-check-type', exit: 2, planted: 'error: suites/cases.yaml:7: checks[0]: unknown check type "tool-caled" (did you mean "tool-called"?)' },
  { fixture: 'check-missing-column', exit: 2, planted: 'error: suites/cases.yaml:8: checks[1]: {{expected_phrase}}: no column "expected_phrase" in the dataset' },
  { fixture: 'check-expect-missing-column', exit: 2, planted: 'error: datasets/cases.csv:1: no "should_open" column' },
  { fixture: 'ideal-fails-check', exit: 2, planted: 'error: datasets/cases.csv:3: column "ideal_behavior": the ideal behaviour fails tool-called (canvas)' },
  { fixture: 'all-yes-labels', exit: 0, planted: 'warning: datasets/cases.csv: column "should_trigger": 4 yes / 0 no: every labelled case is "yes"' },
  { fixture: 'bad-now', exit: 2, planted: 'error: datasets/cases.csv:5: column "now": "26/11/2026 9am" is not an ISO date-time' },
  { fixture: 'near-miss-role', exit: 0, planted: 'warning: datasets/cases.csv:8: column "input": first line starts with "usr:"; did you mean "user:"? (read as plain text)' },
  { fixture: 'bad-json-conversation', exit: 2, planted: 'error: datasets/cases.csv:6: column "input": starts with "[" but is not a valid JSON array' },
];

describe('evals validate on the broken corpus', () => {
  it.each(CORPUS)('$fixture: reported once, located, exit $exit', async ({ fixture, planted, exit }) => {
    const { code, lines } = await validate(fixture);
    const problems = lines.map((line) => line.trim()).filter((line) => /^(error|warning):/.test(line));
    expect(problems).toHaveLength(1);
    expect(problems[0].startsWith(planted)).toBe(true);
    expect(code).toBe(exit);
  });

  it('passes the clean project with numbers only, and ends with a verdict', async () => {
    const { code, lines } = await validate('clean');
    expect(code).toBe(0);
    expect(lines).toEqual([
      '  info: datasets/cases.csv: column "should_trigger": 3 yes / 3 no',
      '  info: datasets/cases.csv: column "ideal_behavior": 6/6 ideals pass every check',
      '  info: suites/cases.yaml: current (column current_behavior) passes 4/6 (67%): headroom 2 cases',
      'suites/cases.yaml: 6 cases, 0 warnings, 0 errors',
    ]);
  });

  it('reports a check reading a missing column in the same pass as a bad row', async () => {
    const { code, lines } = await validate('bad-label-and-missing-column');
    expect(code).toBe(2);
    const problems = lines.map((line) => line.trim()).filter((line) => line.startsWith('error:'));
    expect(problems).toHaveLength(2);
    expect(problems.some((p) => p.startsWith('error: datasets/cases.csv:3: column "should_trigger": "yess" is not yes/no'))).toBe(true);
    expect(problems.some((p) => p.startsWith('error: suites/cases.yaml:8: checks[1]: {{expected_phrase}}: no column "expected_phrase" in the dataset'))).toBe(true);
  });

  it('says when a suite did not load, so the lint has not run yet', async () => {
    const { lines } = await validate('bad-label');
    expect(lines.at(-1)).toBe('suites/cases.yaml: 0 warnings, 1 error; fix these first: labels, duplicates and ideals are checked once the suite loads');
  });

  it('validates several suites, each with its own verdict, and exits 2 if any has an error', async () => {
    const io = captureIO(path.join(repoRoot, 'tests', 'fixtures', 'broken'));
    const code = await validateCommand(['clean/suites/cases.yaml', 'bad-now/suites/cases.yaml'], {}, io);
    expect(code).toBe(2);
    expect(io.stdout.filter((line) => /^\S.*: \d+ (case|warning)/.test(line))).toEqual([
      'clean/suites/cases.yaml: 6 cases, 0 warnings, 0 errors',
      'bad-now/suites/cases.yaml: 0 warnings, 1 error; fix these first: labels, duplicates and ideals are checked once the suite loads',
      '2 suites: 0 warnings, 1 error',
    ]);
  });

  it('names a missing suite with a suggestion', async () => {
    const { code, lines } = await validate('clean', ['case']);
    expect(code).toBe(2);
    expect(lines[0]).toBe('  error: suites/case.yaml: suite not found (did you mean "cases"?)');
  });

  it('prints one JSON document with --json', async () => {
    const { code, lines } = await validate('duplicate-input', ['cases'], { json: true });
    const report = JSON.parse(lines.join('\n')) as { ok: boolean; suites: Array<{ file: string; errors: number; findings: Array<{ severity: string; row?: number }> }> };
    expect(code).toBe(2);
    expect(report.ok).toBe(false);
    expect(report.suites[0]).toMatchObject({ file: 'suites/cases.yaml', errors: 1 });
    expect(report.suites[0].findings[0]).toMatchObject({ severity: 'error', row: 8, column: 'input' });
  });

  it('asks for a suite name when given none', async () => {
    await expect(validate('clean', [])).rejects.toBeInstanceOf(ConfigurationError);
  });
});
