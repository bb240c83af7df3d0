#!/usr/bin/env -S node --max-old-space-size=1024
// The heap ceiling is a hint to V8 more than a limit: with the default (a share of the machine's
// memory) V8 lets garbage pile up to hundreds of MB before collecting; 1 GB keeps a 20,000-case run
// under 200 MB resident. Raise it for suites of a million cases: node --max-old-space-size=4096 bin/evals.js
// Thin launcher: the compiled CLI lives in dist/ (built by `npm ci` through `prepare`).
import { main } from '../dist/cli/main.js';

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
