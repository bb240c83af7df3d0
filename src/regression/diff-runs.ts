import { mcnemarExact } from '../stats/mcnemar.js';
import { caseVerdict, type CaseVerdict, type RepeatPolicy } from './case-verdict.js';
import type { Snapshot, SnapshotResult } from './snapshot.js';

export type Transition = 'regressed' | 'fixed' | 'still-failing' | 'still-passing' | 'errored' | 'new' | 'removed';

/** Worst first: the order reports list cases in. */
export const TRANSITION_ORDER: Transition[] = ['regressed', 'errored', 'still-failing', 'new', 'removed', 'fixed', 'still-passing'];

export interface CaseTransition {
  caseId: string;
  transition: Transition;
  /** Same id, different dataset row: the comparison is of a different question. */
  changed: boolean;
  before?: CaseVerdict;
  after?: CaseVerdict;
  /** Why the case fails now (or errored), one line per failed check. */
  reasons: string[];
  outputChanged: boolean;
}

export interface SystemRegression {
  system: string;
  provider: string;
  counts: Record<Transition, number>;
  changed: number;
  flaky: string[];
  /** Pass rates over each side's cases with a verdict (errors excluded). */
  before: { passRate: number | null; cases: number };
  after: { passRate: number | null; cases: number };
  delta: number | null;
  /** Exact McNemar on cases scored in both runs: b = regressions, c = fixes. */
  mcnemar: { regressions: number; fixes: number; pRegression: number; pImprovement: number };
  cases: CaseTransition[];
}

export interface SuiteRegression {
  suite: string;
  baselineRunId: string | null;
  runId: string;
  policy: RepeatPolicy;
  systems: SystemRegression[];
}

function transitionOf(before: CaseVerdict | undefined, after: CaseVerdict | undefined): Transition {
  if (!after) return 'removed';
  if (after.status === 'error') return 'errored';
  if (!before || before.status === 'error') return 'new';
  if (before.status === 'pass') return after.status === 'pass' ? 'still-passing' : 'regressed';
  return after.status === 'pass' ? 'fixed' : 'still-failing';
}

function passRate(verdicts: CaseVerdict[]): number | null {
  const scored = verdicts.filter((v) => v.status !== 'error');
  return scored.length ? scored.filter((v) => v.status === 'pass').length / scored.length : null;
}

const emptyCounts = (): Record<Transition, number> => ({ regressed: 0, fixed: 0, 'still-failing': 0, 'still-passing': 0, errored: 0, new: 0, removed: 0 });

function reasonsOf(results: SnapshotResult[] | undefined): string[] {
  return [...new Set((results ?? []).flatMap((r) => r.reasons ?? []))];
}

/**
 * Compare a run with a baseline (another run or the committed snapshot), case by case, per system.
 * Without a baseline every case is "new" and only pass rates are meaningful.
 */
export interface DiffOptions {
  policy?: RepeatPolicy;
  /** The run covered a subset (--filter, --limit, --shard): cases it did not run are not "removed". */
  partial?: boolean;
}

export function diffSnapshots(baseline: Snapshot | undefined, current: Snapshot, options: DiffOptions = {}): SuiteRegression {
  const policy = options.policy ?? 'all';
  const systems: SystemRegression[] = [];
  for (const [system, { provider }] of Object.entries(current.systems)) {
    const counts = emptyCounts();
    const cases: CaseTransition[] = [];
    const beforeVerdicts: CaseVerdict[] = [];
    const afterVerdicts: CaseVerdict[] = [];
    const flaky: string[] = [];
    let changed = 0;
    const ids = new Set([...Object.keys(current.cases), ...Object.keys(baseline?.cases ?? {})]);
    for (const caseId of ids) {
      const now = current.cases[caseId];
      const then = baseline?.cases[caseId];
      const afterResults = now?.results[system];
      const beforeResults = then?.results[system];
      if (!afterResults && !beforeResults) continue;
      if (!now && options.partial) continue;
      const after = afterResults?.length ? caseVerdict(afterResults, policy) : undefined;
      const before = beforeResults?.length ? caseVerdict(beforeResults, policy) : undefined;
      const isChanged = Boolean(now && then && now.hash !== then.hash);
      if (isChanged) changed += 1;
      const transition = transitionOf(before, after);
      counts[transition] += 1;
      if (after) afterVerdicts.push(after);
      if (before) beforeVerdicts.push(before);
      if (after?.flaky) flaky.push(caseId);
      const outputChanged = JSON.stringify(afterResults?.map((r) => r.output)) !== JSON.stringify(beforeResults?.map((r) => r.output));
      cases.push({ caseId, transition, changed: isChanged, before, after, reasons: reasonsOf(afterResults), outputChanged });
    }
    cases.sort((x, y) => TRANSITION_ORDER.indexOf(x.transition) - TRANSITION_ORDER.indexOf(y.transition) || x.caseId.localeCompare(y.caseId));
    const p = mcnemarExact(counts.regressed, counts.fixed);
    const beforeRate = passRate(beforeVerdicts);
    const afterRate = passRate(afterVerdicts);
    systems.push({
      system,
      provider,
      counts,
      changed,
      flaky,
      before: { passRate: beforeRate, cases: beforeVerdicts.length },
      after: { passRate: afterRate, cases: afterVerdicts.length },
      delta: beforeRate !== null && afterRate !== null ? afterRate - beforeRate : null,
      mcnemar: { regressions: counts.regressed, fixes: counts.fixed, pRegression: p.oneSidedRegression, pImprovement: p.oneSidedImprovement },
      cases,
    });
  }
  return { suite: current.suite, baselineRunId: baseline?.runId ?? null, runId: current.runId, policy, systems };
}
