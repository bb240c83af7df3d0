import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Unpacks the Chromium of @sparticuz/chromium once per run, for the browser tests.
    globalSetup: ['tests/setup/chromium.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // End-to-end tests spawn the CLI; two cores, so keep workers modest.
    maxWorkers: 2,
  },
});
