import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // In this order: chromium.ts unpacks the browser into the real temp folder before temp-root.ts
    // points TMPDIR at the run's own folder (which it removes at the end).
    globalSetup: ['tests/setup/chromium.ts', 'tests/setup/temp-root.ts'],
    // Most tests spawn the CLI, often several times: 3-11 s each at load 6-11 on two cores, and
    // several times that when CI runs the whole suite on two cores (pairwise-gate's 4-6 s tests were
    // seen passing 30 s). Unit tests take milliseconds; only a hung test waits the whole limit. Hooks
    // run the CLI and launch the browser too.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // End-to-end tests spawn the CLI; two cores, so keep workers modest.
    maxWorkers: 2,
  },
});
