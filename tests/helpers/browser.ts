import { chromium, type Browser } from 'playwright-core';
import { inject } from 'vitest';

/** Headless Chromium, as every browser test launches it: which binary and flags is decided in tests/setup/chromium.ts. */
export function launchChromium(): Promise<Browser> {
  const { executablePath, args } = inject('chromium');
  return chromium.launch({ executablePath, args, headless: true });
}
