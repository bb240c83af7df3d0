import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/temp-dir.js';

// A PM opens the template in Excel on Windows and saves it as plain "CSV": Windows-1252, which has no
// "→", so Excel writes "?" in its place. One message must say so, not one per row asking for "→".

describe('a sheet saved as plain CSV (Windows-1252)', () => {
  it('gets one message to save it as CSV UTF-8, instead of each ideal failing its check', async () => {
    const cwd = makeTempDir('windows-csv');
    expect((await runCli(['init', 'reminders'], { cwd })).code).toBe(0);
    const file = path.join(cwd, 'datasets', 'reminders.csv');
    const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    expect(text).toContain('→ create_reminder');
    writeFileSync(file, Buffer.from(text.replaceAll('→', '?'), 'latin1'));

    const result = await runCli(['validate', 'reminders'], { cwd });
    expect(result.code).toBe(2);
    const errors = result.stdout.split('\n').filter((line) => line.trim().startsWith('error:'));
    expect(errors).toEqual([
      expect.stringMatching(
        /^ {2}error: datasets\/reminders\.csv: \d+ cells start with "\?" where "→" belongs \(rows [\d, ]+\): the sheet was saved as plain "CSV", which cannot hold "→"\. Save it as "CSV UTF-8" and validate again\.$/,
      ),
    ]);
    expect(result.stdout).not.toContain('ideal behaviour fails');
  });
});
