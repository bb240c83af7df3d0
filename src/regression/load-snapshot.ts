import { existsSync } from 'node:fs';
import path from 'node:path';
import { readResults, readSummary, resolveRunDir } from '../store/read-run.js';
import { readRunMeta } from '../store/run-dir.js';
import { readBaseline } from './baseline-file.js';
import { buildRunSnapshot, type RunSnapshot } from './run-snapshot.js';
import type { Snapshot } from './snapshot.js';

/** The comparable snapshot of a stored run folder, held in columns (see run-snapshot.ts). */
export async function snapshotOfRun(runDir: string): Promise<RunSnapshot> {
  const meta = readRunMeta(runDir);
  const summary = readSummary(runDir);
  const systems = Object.fromEntries(meta.systems.map((s) => [s.name, { provider: s.provider }]));
  return buildRunSnapshot({ suite: meta.suite, runId: meta.runId, checks: summary?.checks ?? [], systems }, readResults(runDir));
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
  // A run compared with is also written out whole (compared-with.json), so it is read into plain objects.
  return (await snapshotOfRun(resolveRunDir(reference, reportsDir))).toSnapshot();
}
