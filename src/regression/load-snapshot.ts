import { existsSync } from 'node:fs';
import path from 'node:path';
import { readResults, readSummary, resolveRunDir } from '../store/read-run.js';
import { readRunMeta } from '../store/run-dir.js';
import { readBaseline } from './baseline-file.js';
import { buildSnapshot, type Snapshot } from './snapshot.js';

/** The comparable snapshot of a stored run folder. */
export async function snapshotOfRun(runDir: string): Promise<Snapshot> {
  const meta = readRunMeta(runDir);
  const summary = readSummary(runDir);
  const systems = Object.fromEntries(meta.systems.map((s) => [s.name, { provider: s.provider }]));
  return buildSnapshot({ suite: meta.suite, runId: meta.runId, checks: summary?.checks ?? [], systems }, readResults(runDir));
}

export function baselinePath(reportsDir: string, suite: string): string {
  return path.join(reportsDir, suite, 'baseline.json');
}

/**
 * What a run is compared with: `--baseline <file.json|run-id|run-dir>`, else the suite's committed
 * baseline.json when there is one, else nothing.
 */
export async function loadReference(reference: string | undefined, suite: string, reportsDir: string): Promise<Snapshot | undefined> {
  if (reference === undefined) {
    const committed = baselinePath(reportsDir, suite);
    return existsSync(committed) ? readBaseline(committed) : undefined;
  }
  if (reference === 'baseline') return readBaseline(baselinePath(reportsDir, suite));
  if (reference.endsWith('.json')) return readBaseline(path.resolve(path.dirname(reportsDir), reference));
  return snapshotOfRun(resolveRunDir(reference, reportsDir));
}
