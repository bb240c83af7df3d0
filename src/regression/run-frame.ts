import { readSummary } from '../store/read-run.js';
import { readRunMeta } from '../store/run-dir.js';
import type { Snapshot } from './snapshot.js';

/** What a stored run's snapshot says besides its cases, and its repeats. */
export function runFrame(runDir: string): Omit<Snapshot, 'cases'> & { repeat: number } {
  const meta = readRunMeta(runDir);
  const summary = readSummary(runDir);
  const systems = Object.fromEntries(meta.systems.map((s) => [s.name, { provider: s.provider }]));
  return { suite: meta.suite, runId: meta.runId, checks: summary?.checks ?? [], systems, repeat: meta.repeat };
}
