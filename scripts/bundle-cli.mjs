// `npm run build`, after tsc: bundle the CLI (dist/cli/main.js and everything it imports, packages
// included) into dist/bundle/. Start-up was mostly Node finding and reading ~700 small module files
// (zod, the OpenAI SDK, yaml); one file per feature reads in a fraction of the time. Dynamic
// imports stay separate chunks, so exceljs, the report writers and the batch clients still load
// only when used. The library (dist/index.js) is not bundled: importers get the plain tsc output.
//
// The chunks are CommonJS (`.cjs`), loaded by src/launch/load-bundle.cts through V8's code cache:
// compiling them was ~40% of the instructions `evals run` spent before its first request. esbuild
// splits only ES modules into chunks, so the bundle is built as ES modules and each chunk is then
// rewritten as CommonJS: an `import` of another chunk becomes a `require`, an `import()` of one a
// promise of it.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build, transform } from 'esbuild';
import { builtinsThroughRequire } from './builtins-through-require.mjs';
import { runPathChunk } from './run-path-chunk.mjs';

const outdir = 'dist/bundle';

const { outputFiles } = await build({
  entryPoints: ['dist/cli/main.js'],
  outdir,
  outExtension: { '.js': '.cjs' },
  write: false,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Less to read and parse; names are kept so a stack trace still says which function failed.
  minifyWhitespace: true,
  minifySyntax: true,
  // `Headers` and `FormData`, wherever the bundle names them as globals (the model SDKs too), come
  // from src/cli/bundle-globals.ts: a plain JSON request then never loads undici (~50 ms of start-up).
  inject: ['dist/cli/bundle-globals.js'],
  // The SDKs read `globalThis.ReadableStream` for every request body; bundle-globals.ts' class stands in
  // for it (a plain JSON request then never loads Node's web streams).
  define: { 'globalThis.ReadableStream': 'ReadableStream' },
  // yaml's ES module build (the one it gives browsers; the same code) in place of its CommonJS one:
  // esbuild then keeps only what parseDocument, visit and LineCounter reach (~130 of ~160 KB), and
  // V8 compiles it once, where each CommonJS module was a function pre-parsed, then parsed again
  // when called. It differs in two places the CLI never reaches: a warning goes to console.warn
  // rather than process.emitWarning (the suite loader reports that case itself, before toJS), and
  // a YAML 1.1 !!binary value is a Uint8Array rather than a Buffer (no suite key takes one).
  alias: { yaml: './node_modules/yaml/browser/index.js' },
  // Node's built-ins through `require` (see builtins-through-require.mjs: an ES import of one reads all of it).
  plugins: [builtinsThroughRequire(), runPathChunk({ dist: 'dist', runCommand: 'dist/cli/commands/run.js' })],
  logLevel: 'warning',
});

const CHUNK_WRAPPER = ['(function (exports, require, module, __filename, __dirname, __evalsChunkUrl) {', '\n})'];

mkdirSync(outdir, { recursive: true });
const build_ = createHash('sha256');
// Chunks with no character past U+007F: the loader reads them as Latin-1, a copy, where decoding UTF-8
// goes a byte at a time (the chunks `evals run` loads first are ASCII: tests/architecture/start-up-bundle.test.ts).
const ascii = [];
for (const file of outputFiles) {
  const { code } = await transform(file.text, {
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    minifyWhitespace: true,
    minifySyntax: true,
    // The loader hands each chunk its own file URL (CommonJS has no import.meta).
    define: { 'import.meta.url': '__evalsChunkUrl' },
    // A chunk's `import("./x.cjs")` becomes `Promise.resolve().then(() => require("./x.cjs"))`: a
    // script compiled with a code cache cannot call import() (Node wants a flag for it). The one
    // import() of a module outside the bundle, a user's js check, goes through the loader
    // (launcher-hooks.ts).
    supported: { 'dynamic-import': false },
    sourcefile: path.basename(file.path),
    logLevel: 'warning',
  });
  // Written as the function the loader calls (src/launch/load-bundle.cts), as Node wraps a CommonJS
  // file, plus the chunk's URL: the loader compiles the file as it is, with no copy of it to wrap.
  writeFileSync(file.path, `${CHUNK_WRAPPER[0]}${withPlainExports(code, file.path)}${CHUNK_WRAPPER[1]}`);
  if (!/[^\x00-\x7f]/.test(code)) ascii.push(path.basename(file.path));
  build_.update(path.basename(file.path)).update('\0').update(code).update('\0');
}

/**
 * esbuild's CommonJS ends `module.exports = __toCommonJS(x_exports)`, a copy of the chunk's exports
 * object with a getter forwarding to each of its getters (hundreds for the run chunk, at each start), so
 * every call into another chunk went through two getters. The exports object itself, marked as an
 * ES module's, is what the other chunks need.
 */
function withPlainExports(code, file) {
  const found = code.match(/module\.exports=__toCommonJS\(([\w$]+)\)/g) ?? [];
  if (found.length > 1) throw new Error(`${file}: ${found.length} module.exports=__toCommonJS(…), expected at most one`);
  return code.replace(/module\.exports=__toCommonJS\(([\w$]+)\)/, 'module.exports=(__defProp($1,"__esModule",{value:!0}),$1)');
}

// The loader keeps each command's compiled code apart (`evals --version` compiles a sliver of what
// `evals run` does) and under this build's id, so a cache never outlives the code it was made from:
// V8 checks a cache against the source's length only.
const { COMMANDS } = await import('../dist/cli/command-table.js');
writeFileSync(path.join(outdir, 'manifest.json'), `${JSON.stringify({ build: build_.digest('hex').slice(0, 16), commands: Object.keys(COMMANDS), ascii })}\n`);
