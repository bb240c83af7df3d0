#!/usr/bin/env node
// Thin launcher: the CLI is bundled into dist/bundle/ by `npm run build` (from the tsc output in
// dist/), so start-up reads a few dozen files instead of ~700 (zod, the OpenAI SDK, ajv and yaml
// are hundreds of small modules each). Code only some commands need (exceljs, the report writers,
// the batch clients) stays in chunks loaded on first use.
import { main } from '../dist/bundle/main.js';

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
