import { existsSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { resolveRunDir } from '../store/read-run.js';
import { readBaseline } from './baseline-file.js';
import type { BaselineSource } from './snapshot.js';
import { writeRunBaseline } from './run-baseline.js';

export function baselinePath(reportsDir: string, suite: string): string {
  return path.join(reportsDir, suite, 'baseline.json');
}

/**
 * A stored run as a baseline: written (streamed) to a temporary baseline file and read through it
 * like a committed one, so a million-case run compared with another is never held whole.
 */
function referenceOfRun(runDir: string): BaselineSource {
  const file = path.join(os.tmpdir(), `evals-reference-${process.pid}-${randomBytes(4).toString('hex')}.json`);
  try {
    writeRunBaseline(runDir, file);
    const source = readBaseline(file);
    return {
      ...source,
      close: () => {
        source.close();
        rmSync(file, { force: true });
      },
    };
  } catch (error) {
    rmSync(file, { force: true });
    throw error;
  }
}

/**
 * What a run is compared with: `--baseline <file.json|run-id|run-dir>`, else the suite's committed
 * baseline.json when there is one, else nothing. The caller closes it.
 */
export async function loadReference(reference: string | undefined, suite: string, reportsDir: string): Promise<BaselineSource | undefined> {
  if (reference === undefined) {
    const committed = baselinePath(reportsDir, suite);
    return existsSync(committed) ? readBaseline(committed) : undefined;
  }
  if (reference === 'baseline') return readBaseline(baselinePath(reportsDir, suite));
  if (reference.endsWith('.json')) return readBaseline(path.resolve(path.dirname(reportsDir), reference));
  return referenceOfRun(resolveRunDir(reference, reportsDir));
}
