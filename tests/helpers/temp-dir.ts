import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';

/**
 * A fresh folder for one test, e.g. `makeTempDir('init')` → `<run's temp root>/init-k3Jd9a`. Nothing
 * to clean up: tests/setup/temp-root.ts removes the whole root when the run ends.
 */
export function makeTempDir(prefix: string): string {
  return mkdtempSync(path.join(inject('tempRoot'), `${prefix}-`));
}
