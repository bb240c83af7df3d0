import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

// One temp folder owned by this test run, removed when it ends, pass or fail. makeTempDir() creates
// test folders inside it. TMPDIR points at it too, so whatever does not go through makeTempDir lands
// there as well: a CLI the tests spawn, Playwright's browser profiles, a library's scratch files
// (os.tmpdir() reads TMPDIR on every call, and workers and their children inherit it).

declare module 'vitest' {
  export interface ProvidedContext {
    tempRoot: string;
  }
}

let root: string | undefined;
let previous: string | undefined;

export function setup(project: TestProject): void {
  previous = process.env.TMPDIR;
  root = mkdtempSync(path.join(os.tmpdir(), 'evals-tests-'));
  process.env.TMPDIR = root;
  project.provide('tempRoot', root);
}

export function teardown(): void {
  if (previous === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = previous;
  // maxRetries: a CLI that a test killed may still be writing in there (ENOTEMPTY).
  if (root) rmSync(root, { recursive: true, force: true, maxRetries: 3 });
}
