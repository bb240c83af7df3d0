import type { LauncherHooks } from '../launcher-hooks.js';

const fs: typeof import('node:fs') = require('node:fs');
const path: typeof import('node:path') = require('node:path');
const url: typeof import('node:url') = require('node:url');
const vm: typeof import('node:vm') = require('node:vm');
// Node's CommonJS Module class, which node:module is: required by that name, Node loads its ES module
// loader and source maps with it (~0.4 ms of start-up), and this needs only createRequire.
const { createRequire } = module.constructor as unknown as typeof import('node:module');

// Loads the CLI's bundle (dist/bundle/*.cjs, scripts/bundle-cli.mjs) through V8's code cache. CommonJS
// (bin/evals.cjs too), because a program started as an ES module pays for Node's ES module loader
// (~20 ms before any code of ours on a 2-core machine), and nothing here needs it.
//
// Why: compiling the bundle was ~40% of the instructions `evals run` spent before its first request
// (cachegrind: 542 M as ES modules compiled from source, 325 M through this loader with the caches). Node
// 20 keeps no code cache for a program's own modules (module.enableCompileCache is Node 22), so each
// chunk is compiled here as a `vm.Script` given the cache a previous run left.
//
// Where: `node_modules/.cache/evals-harness/` above the package (the convention of babel, ava and
// terser), in a folder per build of the bundle, Node's V8 version and the command: `evals --version`
// compiles a sliver of what `evals run` does, and a cache holds what its first process compiled.
// EVALS_CODE_CACHE names another folder, or `off` for none. A folder that cannot be written is no
// cache, never an error: the cache only saves time.
//
// When: a chunk's cache is written once, when it had none or V8 refused it (another Node, other
// flags), at the process's exit or just before the CLI changes a V8 flag (heap.ts): V8 tags a cache
// with the flags it was made under and refuses it under others, so each chunk's cache is made under
// the flags it was loaded with. A chunk loaded after the change (`evals run`'s after-run steps, loaded
// after it tightens the heap at its first answer) is cached at exit, under the changed flags, which
// it finds again on the next run at the same point.

/** launcher-hooks.ts' LAUNCHER_HOOKS: this file is CommonJS, so it cannot import that ES module (a test checks both agree). */
export const LAUNCHER_HOOKS = Symbol.for('evals-harness.launcher-hooks');

interface Manifest {
  build: string;
  commands: string[];
  /** Chunks with no character past U+007F, read as Latin-1 (a copy) rather than decoded from UTF-8. */
  ascii: string[];
}

/** A chunk compiled without a cache (it had none, or V8 refused it), and where its cache goes. */
interface UncachedChunk {
  script: import('node:vm').Script;
  cacheFile: string;
}

type ChunkModule = { exports: Record<string, unknown> };

/** The folder a command's code caches live in, or undefined when none is kept. */
export function codeCacheFolder(bundleDir: string, manifest: Manifest, argv: string[], env: NodeJS.ProcessEnv): string | undefined {
  const setting = env.EVALS_CODE_CACHE?.trim();
  if (setting === 'off') return undefined;
  const root = setting ? path.resolve(setting) : defaultRoot(path.resolve(bundleDir, '..', '..'));
  if (!root) return undefined;
  const command = manifest.commands.includes(argv[2] ?? '') ? argv[2] : 'other';
  return path.join(root, `${manifest.build}-v8-${process.versions.v8}-${process.arch}`, command);
}

/** node_modules/.cache/evals-harness in the node_modules folder holding the package, or in its own (a checkout). */
function defaultRoot(packageRoot: string): string | undefined {
  const parts = packageRoot.split(path.sep);
  const at = parts.lastIndexOf('node_modules');
  if (at > 0) return path.join(parts.slice(0, at + 1).join(path.sep), '.cache', 'evals-harness');
  const own = path.join(packageRoot, 'node_modules');
  return fs.existsSync(own) ? path.join(own, '.cache', 'evals-harness') : undefined;
}

/** Reads a file, or undefined when it is not there (or unreadable: a cache is optional). */
function readIfThere(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Writes through a temporary file and a rename: concurrent processes never read half a cache. */
function writeAtomically(file: string, data: Buffer): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temporary, data);
    fs.renameSync(temporary, file);
  } catch {
    try {
      fs.rmSync(temporary, { force: true });
    } catch {
      // Not even removable: the folder is not ours to write.
    }
  }
}

/** A folder of one build's caches: `<build>-v8-<version>-<arch>` (codeCacheFolder). */
const BUILD_FOLDER = /^[0-9a-f]{16}-v8-[^/\\]+$/;

/**
 * Removes the caches of other builds and V8 versions beside this one (they are never read again):
 * only folders named as ours are, since EVALS_CODE_CACHE may name a folder that holds other things.
 */
function removeStaleBuilds(folder: string): void {
  const buildFolder = path.dirname(folder);
  const root = path.dirname(buildFolder);
  try {
    for (const name of fs.readdirSync(root)) {
      if (name !== path.basename(buildFolder) && BUILD_FOLDER.test(name)) fs.rmSync(path.join(root, name), { recursive: true, force: true });
    }
  } catch {
    // Another process may be removing the same folders; nothing is lost either way.
  }
}

/**
 * Loads `main.cjs` from `bundleDir` (and, as they are required, the chunks it needs), each through its
 * code cache, and returns main's exports. Sets the hooks the bundle uses (launcher-hooks.ts).
 */
export function loadBundle(bundleDir: string, argv: string[] = process.argv, env: NodeJS.ProcessEnv = process.env): Record<string, unknown> {
  const manifest = JSON.parse(fs.readFileSync(path.join(bundleDir, 'manifest.json'), 'utf8')) as Manifest;
  const folder = codeCacheFolder(bundleDir, manifest, argv, env);
  const ascii = new Set(manifest.ascii);
  const modules = new Map<string, ChunkModule>();
  let unsaved: UncachedChunk[] = [];

  const save = () => {
    if (unsaved.length === 0) return;
    const chunks = unsaved;
    unsaved = [];
    try {
      fs.mkdirSync(folder!, { recursive: true });
    } catch {
      return; // Not writable (a read-only install, a file in the way): no cache, as with EVALS_CODE_CACHE=off.
    }
    removeStaleBuilds(folder!);
    for (const chunk of chunks) writeAtomically(chunk.cacheFile, chunk.script.createCachedData());
  };
  const hooks: LauncherHooks = {
    importModule: (specifier) => import(specifier) as Promise<Record<string, unknown>>,
    beforeV8FlagsChange: save,
  };
  (globalThis as Record<symbol, unknown>)[LAUNCHER_HOOKS] = hooks;
  process.once('exit', save);

  const load = (name: string): Record<string, unknown> => {
    const known = modules.get(name);
    if (known) return known.exports;
    const module: ChunkModule = { exports: {} };
    modules.set(name, module);
    const file = path.join(bundleDir, name);
    const cacheFile = folder ? path.join(folder, `${name}.v8`) : undefined;
    const cachedData = cacheFile ? readIfThere(cacheFile) : undefined;
    // Each chunk is written as a function (scripts/bundle-cli.mjs): the same wrapper as Node's for a
    // CommonJS file, plus the chunk's URL for import.meta.url.
    const source = fs.readFileSync(file, ascii.has(name) ? 'latin1' : 'utf8');
    const script = new vm.Script(source, { filename: file, ...(cachedData ? { cachedData } : {}) });
    if (cacheFile && (!cachedData || script.cachedDataRejected)) unsaved.push({ script, cacheFile });
    const requireOutside = createRequire(file);
    const requireInChunk = Object.assign((specifier: string) => (specifier.startsWith('./') ? load(specifier.slice(2)) : requireOutside(specifier)), { resolve: requireOutside.resolve });
    (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, requireInChunk, module, file, bundleDir, url.pathToFileURL(file).href);
    return module.exports;
  };
  return load('main.cjs');
}
