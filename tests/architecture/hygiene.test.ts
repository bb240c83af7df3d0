import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/cli.js';

// Hygiene that stays: what knip finds unused (files, exports, dependencies) and what prettier would
// reformat fail the suite, so dead code and drifting style are caught by the change that makes them.

const FORMATTED_FOLDERS = ['src', 'tests', 'bench', 'scripts'];

async function typeScriptFiles(folder: string): Promise<string[]> {
  const entries = await readdir(path.join(repoRoot, folder), { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && /\.c?ts$/.test(e.name)).map((e) => path.join(e.parentPath, e.name));
}

describe('hygiene', () => {
  it('knip finds no unused file, export, type or dependency', async () => {
    const knip = path.join(repoRoot, 'node_modules', 'knip', 'bin', 'knip.js');
    const result = await new Promise<{ code: number; out: string }>((resolve) => {
      execFile(process.execPath, [knip, '--no-progress', '--no-config-hints'], { cwd: repoRoot, maxBuffer: 16 * 1024 * 1024, timeout: 170_000 }, (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, out: stdout + stderr });
      });
    });
    expect(result.out.trim()).toBe('');
    expect(result.code).toBe(0);
  }, 180_000);

  it('prettier would change no TypeScript file (npm run format fixes them)', async () => {
    const config = JSON.parse(readFileSync(path.join(repoRoot, '.prettierrc.json'), 'utf8')) as prettier.Options;
    const files = (await Promise.all(FORMATTED_FOLDERS.map(typeScriptFiles))).flat();
    expect(files.length).toBeGreaterThan(100);
    const unformatted: string[] = [];
    for (const file of files) {
      if (!(await prettier.check(readFileSync(file, 'utf8'), { ...config, filepath: file }))) unformatted.push(path.relative(repoRoot, file));
    }
    expect(unformatted).toEqual([]);
  }, 120_000);
});
