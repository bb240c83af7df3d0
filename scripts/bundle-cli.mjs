// `npm run build`, after tsc: bundle the CLI (dist/cli/main.js and everything it imports, packages
// included) into dist/bundle/. Start-up was mostly Node finding and reading ~700 small module files
// (zod, the OpenAI SDK, yaml); one file per feature reads in a fraction of the time. Dynamic
// imports stay separate chunks, so exceljs, the report writers and the batch clients still load
// only when used. The library (dist/index.js) is not bundled: importers get the plain tsc output.
import { build } from 'esbuild';
import { builtinsThroughRequire } from './builtins-through-require.mjs';
import { runPathChunk } from './run-path-chunk.mjs';

await build({
  entryPoints: ['dist/cli/main.js'],
  outdir: 'dist/bundle',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Less to read and parse; names are kept so a stack trace still says which function failed.
  minifyWhitespace: true,
  minifySyntax: true,
  // CommonJS packages (yaml, papaparse, commander) call require() for Node's own modules; an ES
  // module has no require, so the bundle makes one.
  banner: { js: "import { createRequire as __evalsCreateRequire } from 'node:module'; const require = __evalsCreateRequire(import.meta.url);" },
  // `Headers` and `FormData`, wherever the bundle names them as globals (the model SDKs too), come
  // from src/cli/bundle-globals.ts: a plain JSON request then never loads undici (~50 ms of start-up).
  inject: ['dist/cli/bundle-globals.js'],
  // yaml's ES module build (the one it gives browsers; the same code) in place of its CommonJS one:
  // esbuild then keeps only what parseDocument, visit and LineCounter reach (~130 of ~160 KB), and
  // V8 compiles it once, where each CommonJS module was a function pre-parsed, then parsed again
  // when called. It differs in two places the CLI never reaches: a warning goes to console.warn
  // rather than process.emitWarning (the suite loader reports that case itself, before toJS), and
  // a YAML 1.1 !!binary value is a Uint8Array rather than a Buffer (no suite key takes one).
  alias: { yaml: './node_modules/yaml/browser/index.js' },
  // Node's built-ins through that require (see builtins-through-require.mjs: an ES import of one reads all of it).
  plugins: [builtinsThroughRequire(), runPathChunk({ dist: 'dist', runCommand: 'dist/cli/commands/run.js' })],
  logLevel: 'warning',
});
