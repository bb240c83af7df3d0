import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { cleanEnv } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/temp-dir.js';

// The promise of temp-root.ts: nothing a test run writes to the temp folder outlives it. That holds
// only while every way into the temp folder leads to the run's root.

const root = inject('tempRoot');

describe("the test run's temp root", () => {
  it('holds the folders makeTempDir makes, each new', () => {
    const first = makeTempDir('probe');
    const second = makeTempDir('probe');
    expect(path.dirname(first)).toBe(root);
    expect(path.basename(first)).toMatch(/^probe-.{6}$/);
    expect(second).not.toBe(first);
    expect(existsSync(first) && existsSync(second)).toBe(true);
  });

  it('is os.tmpdir() in the workers and in a CLI spawned with cleanEnv()', () => {
    expect(os.tmpdir()).toBe(root);
    const child = execFileSync(process.execPath, ['-e', 'process.stdout.write(require("node:os").tmpdir())'], { env: cleanEnv(), encoding: 'utf8' });
    expect(child).toBe(root);
  });
});
