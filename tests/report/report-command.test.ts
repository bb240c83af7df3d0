import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { reportCommand } from '../../src/cli/commands/report.js';
import type { CliIO } from '../../src/cli/io.js';
import { RUN_ID, SUITE, writeRunFolder } from '../helpers/report-fixture.js';
import { makeTempDir } from '../helpers/temp-dir.js';

// `evals report` re-renders a stored run against the committed baseline, without any model call.

function fakeIO(cwd: string): CliIO & { lines: string[] } {
  const lines: string[] = [];
  return { out: (t) => lines.push(t), err: (t) => lines.push(`err: ${t}`), interactive: false, colour: false, cwd, env: {}, lines };
}

describe('reportCommand', () => {
  test('by run id: writes the formats into the run folder and prints their paths relative to cwd', async () => {
    const root = makeTempDir('report-cmd');
    const runDir = await writeRunFolder(root);
    const io = fakeIO(root);
    expect(await reportCommand(RUN_ID, { format: 'md,junit' }, io)).toBe(0);
    expect(io.lines).toEqual([path.join('reports', SUITE, RUN_ID, 'report.md'), path.join('reports', SUITE, RUN_ID, 'junit.xml')]);
    const md = readFileSync(path.join(runDir, 'report.md'), 'utf8');
    // Compared with the committed baseline.json: the regression is found again from stored results.
    expect(md).toContain('baseline `20250101-000000-base`');
    expect(md).toContain('| write-essay | candidate | 🔴 regressed |');
  });

  test('by folder path; list only prints the terminal table', async () => {
    const root = makeTempDir('report-cmd');
    const runDir = await writeRunFolder(root);
    const io = fakeIO(root);
    expect(await reportCommand(path.relative(root, runDir), { format: 'list' }, io)).toBe(0);
    expect(io.lines.join('\n')).toContain('candidate');
    expect(existsSync(path.join(runDir, 'report.md'))).toBe(false);
  });

  test('an unknown run is a configuration error', async () => {
    const root = makeTempDir('report-cmd');
    await writeRunFolder(root);
    await expect(reportCommand('nope', { format: 'md' }, fakeIO(root))).rejects.toThrow('nope: no such run');
  });
});
