import path from 'node:path';
import type { Interval } from '../stats/wilson.js';
import type { DecisionSummary } from './decision-tally.js';
import { RUN_FILES, writeJsonAtomic } from './run-dir.js';

// The numbers per slice (`slice_by:`), as summary.json keeps them. Computed when the run is
// assessed (regression/slices.ts), because a slice's transitions need the baseline; written into
// summary.json beside the run's own numbers so every slice is there for whoever reads the folder.

/** One slice (`turns=multi`) of one system. */
export interface SliceRow {
  /** The slice_by name: `tags` or a column. */
  by: string;
  value: string;
  /** `by=value`. */
  key: string;
  system: string;
  /** Cases of the slice with a verdict (pass or fail; errors apart), by the gate's repeat policy. */
  cases: number;
  pass: number;
  errored: number;
  /** pass / cases with a Wilson 95% interval; null with no case scored. */
  passRate: Interval | null;
  /** Each decision (check tied to a yes/no label) over the slice's cases. */
  decisions: DecisionSummary[];
  /** Cases that passed in the compared-with run and fail now (McNemar's b). */
  passToFail: number;
  /** Cases that failed then and pass now (McNemar's c). */
  failToPass: number;
  /** Exact two-sided McNemar p on b and c (1 with no discordant case). */
  pValue: number;
  /** Holm-adjusted across the slices of the same slice_by name (per system). */
  holmP: number;
  /** Holm-adjusted p < 0.05 and more pass→fail than fail→pass. */
  regressed: boolean;
}

export interface SlicesSummary {
  by: string[];
  /** The run the transitions are against; null when there was none (every transition is then 0). */
  baselineRunId: string | null;
  /** Regressed slices first, then the lowest pass rate. */
  rows: SliceRow[];
}

/** summary.json with the slices added (or replaced, when the run is assessed again by `evals report`). */
export function writeSummarySlices(runDir: string, summary: object, slices: SlicesSummary): void {
  writeJsonAtomic(path.join(runDir, RUN_FILES.summary), { ...summary, slices });
}
