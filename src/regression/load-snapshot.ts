import { existsSync } from 'node:fs';
import path from 'node:path';
import { readResults, readSummary, resolveRunDir } from '../store/read-run.js';
import { readRunMeta } from '../store/run-dir.js';
import { readBaseline } from './baseline-file.js';
import { buildSnapshot, type Snapshot } from './snapshot.js';

/** What a stored run's snapshot says besides its cases, and its repeats. */
export function runFrame(runDir: string): Omit<Snapshot, 'cases'> & { repeat: number } {
  const meta = readRunMeta(runDir);
  const summary = readSummary(runDir);
  const systems = Object.fromEntries(meta.systems.map((s) => [s.name, { provider: s.provider }]));
  return { suite: meta.suite, runId: meta.runId, checks: summary?.checks ?? [], systems, repeat: meta.repeat };
}

/** The snapshot of a stored run folder, whole (to write a baseline, or to compare another run with it). */
export async function snapshotOfRun(runDir: string): Promise<Snapshot> {
  const { repeat: _repeat, ...frame } = runFrame(runDir);
  return buildSnapshot(frame, readResults(runDir));
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
