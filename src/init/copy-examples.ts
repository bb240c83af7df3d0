import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigurationError } from '../errors.js';

// The README's worked examples (canvas-trigger, tasks-schedule, canvas-comments, canvas-edit) ship inside the
// package, so `evals init --examples` makes every command of the README work in a team's own
// repository, not only in a checkout of this one.

/** The package root: dist/init/ → ../.. (the same from src/init/ when run from a checkout). */
const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Folders copied whole, and the committed baselines the examples are compared with. */
const EXAMPLE_FOLDERS = ['suites', 'datasets', 'prompts', 'tools'];

async function exampleFiles(): Promise<string[]> {
  const files: string[] = [];
  for (const folder of EXAMPLE_FOLDERS) {
    for (const name of (await readdir(path.join(PACKAGE_ROOT, folder))).sort()) files.push(`${folder}/${name}`);
  }
  for (const suite of (await readdir(path.join(PACKAGE_ROOT, 'reports'))).sort()) {
    if (existsSync(path.join(PACKAGE_ROOT, 'reports', suite, 'baseline.json'))) files.push(`reports/${suite}/baseline.json`);
  }
  return files;
}

/**
 * Copy the example suites with their sheets, prompts, tools and baselines into `dir`. Like `init`,
 * refuses before copying anything when a file is in the way, unless `force`. Returns the files.
 */
export async function copyExamples(dir: string, options: { force?: boolean } = {}): Promise<string[]> {
  const files = await exampleFiles();
  if (!options.force) {
    const existing = files.filter((file) => existsSync(path.join(dir, file)));
    if (existing.length) throw new ConfigurationError(existing.map((file) => ({ file, message: 'already exists, so no example was copied (--force overwrites)' })));
  }
  for (const file of files) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await copyFile(path.join(PACKAGE_ROOT, file), path.join(dir, file));
  }
  return files;
}
