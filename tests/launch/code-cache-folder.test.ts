import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { LAUNCHER_HOOKS } from '../../src/launcher-hooks.js';
import { makeTempDir } from '../helpers/temp-dir.js';

// Where bin/evals.cjs keeps V8's compiled code of the bundle: beside the packages, like babel's and
// ava's caches, never in the user's project, and in a folder per build, V8 version and command.

// The loader is CommonJS (src/launch/load-bundle.cts): the test loads what bin/evals.cjs loads, the build of it.
const { codeCacheFolder, LAUNCHER_HOOKS: LOADER_SYMBOL } = createRequire(import.meta.url)('../../dist/launch/load-bundle.cjs') as typeof import('../../src/launch/load-bundle.cjs');

const manifest = { build: '0123456789abcdef', commands: ['run', 'validate'], ascii: [] };
const key = `${manifest.build}-v8-${process.versions.v8}-${process.arch}`;

describe('codeCacheFolder', () => {
  it('is node_modules/.cache/evals-harness in the node_modules folder holding the package', () => {
    const bundle = path.join('/work', 'app', 'node_modules', 'evals-harness', 'dist', 'bundle');
    expect(codeCacheFolder(bundle, manifest, ['node', 'evals', 'run'], {})).toBe(path.join('/work', 'app', 'node_modules', '.cache', 'evals-harness', key, 'run'));
    const nested = path.join('/work', 'app', 'node_modules', 'tool', 'node_modules', 'evals-harness', 'dist', 'bundle');
    expect(codeCacheFolder(nested, manifest, ['node', 'evals', 'validate'], {})).toBe(path.join('/work', 'app', 'node_modules', 'tool', 'node_modules', '.cache', 'evals-harness', key, 'validate'));
  });

  it("is the checkout's own node_modules/.cache when evals runs from its repository, and none without node_modules", () => {
    const checkout = makeTempDir('checkout');
    const bundle = path.join(checkout, 'dist', 'bundle');
    expect(codeCacheFolder(bundle, manifest, ['node', 'evals', 'run'], {})).toBeUndefined();
    mkdirSync(path.join(checkout, 'node_modules'));
    expect(codeCacheFolder(bundle, manifest, ['node', 'evals', 'run'], {})).toBe(path.join(checkout, 'node_modules', '.cache', 'evals-harness', key, 'run'));
  });

  it('files a flag, a mistyped or no command under "other"', () => {
    const bundle = path.join('/app', 'node_modules', 'evals-harness', 'dist', 'bundle');
    for (const argv of [
      ['node', 'evals', '--version'],
      ['node', 'evals', 'prmote'],
      ['node', 'evals'],
    ]) {
      expect(path.basename(codeCacheFolder(bundle, manifest, argv, {})!)).toBe('other');
    }
  });

  it('follows EVALS_CODE_CACHE: a folder, or off', () => {
    const bundle = path.join('/app', 'node_modules', 'evals-harness', 'dist', 'bundle');
    expect(codeCacheFolder(bundle, manifest, ['node', 'evals', 'run'], { EVALS_CODE_CACHE: '/tmp/cc' })).toBe(path.join('/tmp/cc', key, 'run'));
    expect(codeCacheFolder(bundle, manifest, ['node', 'evals', 'run'], { EVALS_CODE_CACHE: 'off' })).toBeUndefined();
  });
});

describe('the launcher hooks', () => {
  it('are set and read under one symbol (the loader is CommonJS and cannot import the ES module that reads them)', () => {
    expect(LOADER_SYMBOL).toBe(LAUNCHER_HOOKS);
  });
});
