#!/usr/bin/env node
// Thin launcher: the CLI is bundled into dist/bundle/ by `npm run build` (from the tsc output in
// dist/), so start-up reads a few dozen files instead of ~700 (zod, the OpenAI SDK, ajv and yaml
// are hundreds of small modules each), and compiles little of them: load-bundle.cjs gives each chunk
// V8's code cache from an earlier run. Code only some commands need (exceljs, the report writers,
// the batch clients) stays in chunks loaded on first use. CommonJS, like the bundle: starting from
// an ES module would load Node's ES module loader first (~20 ms).
'use strict';
const path = require('node:path');
const { loadBundle } = require('../dist/launch/load-bundle.cjs');

const { main } = loadBundle(path.join(__dirname, '..', 'dist', 'bundle'));

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    // main() maps every expected error to an exit code; reaching here is a bug in evals itself.
    process.stderr.write(`evals: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 3;
  },
);
