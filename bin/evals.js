#!/usr/bin/env node
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
