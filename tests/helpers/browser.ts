import { chromium, type Browser } from 'playwright-core';

/**
 * Debian's headless Chromium, as every browser test launches it. The background-networking flags
 * matter: on a machine without internet, Chromium otherwise floods the log with refused connections.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
