import { readResults } from '../store/read-run.js';
import { diffResults, type DiffOptions, type SuiteRegression } from './diff-runs.js';
import type { SnapshotSource } from './snapshot.js';
import { runFrame } from './run-frame.js';

// Apart from load-snapshot.ts, which the run reads before its first request (the baseline must
// exist): the diff and its statistics load only once there is a run to compare.

/** A stored run compared with a reference, its results streamed (see diffResults): nothing per case is held but the transitions. */
export async function diffRun(reference: SnapshotSource | undefined, runDir: string, options: DiffOptions): Promise<SuiteRegression> {
  return diffResults(reference, runFrame(runDir), readResults(runDir), options);
}
