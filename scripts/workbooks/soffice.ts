import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

// LibreOffice's headless converter, as a PM's "Save as" in LibreOffice Calc. Each call gets its own
// profile: two soffice processes sharing one would wait on each other's lock or fail outright.

/** Thrown when `soffice` is not on the PATH: the generator must stop before writing anything. */
export class SofficeMissing extends Error {}

/** `soffice --version` ("LibreOffice 7.4.7.2 40(Build:2)"), recorded beside the files it made. */
export function sofficeVersion(): string {
  try {
    return execFileSync('soffice', ['--version'], { encoding: 'utf8', timeout: 120_000 }).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new SofficeMissing('soffice not found on the PATH: install LibreOffice Calc (Debian: apt-get install -y --no-install-recommends libreoffice-calc-nogui)');
    }
    throw error;
  }
}

// Filter options: comma, double quote, UTF-8 (76), data from line 1. The import dialog's defaults
// otherwise (numbers detected, "special numbers" off), which is what a PM gets pressing OK.
const CSV_FILTER = '44,34,76,1';

/**
 * Convert `file` with LibreOffice into `outDir`: `xlsx` (Calc MS Excel 2007 XML) or `csv` (UTF-8,
 * comma). Returns the path of the converted file, named like the input with the new extension.
 */
export function sofficeConvert(file: string, to: 'xlsx' | 'csv', outDir: string): Promise<string> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'evals-soffice-profile-'));
  const target = to === 'csv' ? `csv:Text - txt - csv (StarCalc):${CSV_FILTER}` : 'xlsx';
  const args = [`-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless', '--norestore', '--convert-to', target, '--outdir', outDir];
  if (file.endsWith('.csv')) args.push(`--infilter=CSV:${CSV_FILTER}`);
  args.push(file);
  const output = path.join(outDir, `${path.basename(file, path.extname(file))}.${to}`);
  return new Promise((resolve, reject) => {
    // A first start builds the profile; on a busy CI machine that alone can take tens of seconds.
    execFile('soffice', args, { timeout: 120_000 }, (error, stdout, stderr) => {
      rmSync(profile, { recursive: true, force: true });
      if (error) reject(new Error(`soffice ${args.join(' ')} failed: ${error.message}\n${stdout}${stderr}`));
      else if (!stdout.includes('convert ')) reject(new Error(`soffice did not convert ${file}:\n${stdout}${stderr}`));
      else resolve(output);
    });
  });
}
