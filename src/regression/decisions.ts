import { existsSync } from 'node:fs';
import path from 'node:path';
import { readSummary } from '../store/read-run.js';
import type { DecisionSummary } from '../store/decision-tally.js';
import type { RunSummary } from '../store/summary.js';

// A run's decisions beside the compared-with run's ("false triggers 3 → 7"). The baseline snapshot
// keeps only verdicts, not what each case decided, so the numbers before come from that run's own
// summary.json when its folder is still here; otherwise only this run's numbers are shown, and said so.

/** One system's decision in this run, and in the compared-with run when known. */
export interface DecisionRow {
  system: string;
  decision: DecisionSummary;
  before?: DecisionSummary;
}

export interface DecisionsView {
  rows: DecisionRow[];
  /** The run compared with, when its decisions were found. */
  baselineRunId?: string;
  /** Why there are no numbers before, when there is a compared-with run. */
  note?: string;
}

/** The compared-with run's summary, when its run folder is in `reports/<suite>/<run id>/`. */
export function summaryOfRun(reportsDir: string, suite: string, runId: string | undefined): RunSummary | undefined {
  if (!runId) return undefined;
  const dir = path.join(reportsDir, suite, runId);
  return existsSync(dir) ? readSummary(dir) : undefined;
}

export function compareDecisions(current: RunSummary | undefined, before: RunSummary | undefined, baselineRunId: string | undefined): DecisionsView {
  const rows: DecisionRow[] = [];
  const found = before?.systems.some((s) => s.decisions?.length) ?? false;
  for (const system of current?.systems ?? []) {
    const previous = found ? before?.systems.find((s) => s.system === system.system)?.decisions : undefined;
    for (const decision of system.decisions ?? []) rows.push({ system: system.system, decision, before: previous?.find((d) => d.name === decision.name) });
  }
  if (!rows.length || !baselineRunId) return { rows };
  if (found) return { rows, baselineRunId };
  const why = before ? 'its summary.json predates decision counts' : 'its run folder is not here, and the baseline snapshot keeps verdicts, not decisions';
  return { rows, note: `decisions are this run's only: no counts for the compared-with run ${baselineRunId} (${why})` };
}
