import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // In this order: chromium.ts unpacks the browser into the real temp folder before temp-root.ts
    // points TMPDIR at the run's own folder (which it removes at the end).
    globalSetup: ['tests/setup/chromium.ts', 'tests/setup/temp-root.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // End-to-end tests spawn the CLI; two cores, so keep workers modest.
    maxWorkers: 2,
  },
});
