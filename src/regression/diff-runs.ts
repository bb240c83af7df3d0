import { mcnemarExact } from '../stats/mcnemar.js';
import { caseVerdict, type CaseVerdict, type RepeatPolicy } from './case-verdict.js';
import { sourceOfSnapshot, type Snapshot, type SnapshotResult, type SnapshotSource } from './snapshot.js';
import { TransitionColumns, type Transition, type TransitionList } from './transition-list.js';

export { TRANSITION_ORDER, type CaseTransition, type Transition } from './transition-list.js';

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
  /** Every case, worst first (read like an array; held as numbers). */
  cases: TransitionList;
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

/** A plain snapshot or a stored run's columns, read the same way. */
function asSource(snapshot: Snapshot | SnapshotSource): SnapshotSource {
  return 'cases' in snapshot ? sourceOfSnapshot(snapshot) : snapshot;
}

const countsOf = (v: CaseVerdict | undefined): [number, number, number] | undefined => (v ? [v.passes, v.fails, v.errors] : undefined);

/** Pass rate over the cases with a verdict (errors excluded), counted as the cases go by. */
class RateCounter {
  /** Cases with a verdict, errors included. */
  cases = 0;
  passes = 0;
  scored = 0;
  add(v: CaseVerdict | undefined): void {
    if (!v) return;
    this.cases += 1;
    if (v.status === 'error') return;
    this.scored += 1;
    if (v.status === 'pass') this.passes += 1;
  }
  get rate(): number | null {
    return this.scored ? this.passes / this.scored : null;
  }
}

const sameOutputs = (a: SnapshotResult[] | undefined, b: SnapshotResult[] | undefined): boolean => (a?.length ?? 0) === (b?.length ?? 0) && (a ?? []).every((r, i) => r.output === b![i].output);

export function diffSnapshots(baselineSnapshot: Snapshot | SnapshotSource | undefined, currentSnapshot: Snapshot | SnapshotSource, options: DiffOptions = {}): SuiteRegression {
  const policy = options.policy ?? 'all';
  const baseline = baselineSnapshot && asSource(baselineSnapshot);
  const current = asSource(currentSnapshot);
  const systems: SystemRegression[] = [];
  for (const [system, { provider }] of Object.entries(current.systems)) {
    const counts = emptyCounts();
    const cases = new TransitionColumns(policy);
    const beforeRate = new RateCounter();
    const afterRate = new RateCounter();
    const flaky: string[] = [];
    let changed = 0;
    const compare = (caseId: string, inCurrent: boolean) => {
      const afterResults = inCurrent ? current.resultsOf(caseId, system) : undefined;
      const beforeResults = baseline?.resultsOf(caseId, system);
      if (!afterResults && !beforeResults) return;
      if (!inCurrent && options.partial) return;
      const after = afterResults?.length ? caseVerdict(afterResults, policy) : undefined;
      const before = beforeResults?.length ? caseVerdict(beforeResults, policy) : undefined;
      const isChanged = inCurrent && Boolean(baseline?.hasCase(caseId)) && current.hashOf(caseId) !== baseline?.hashOf(caseId);
      if (isChanged) changed += 1;
      const transition = transitionOf(before, after);
      counts[transition] += 1;
      afterRate.add(after);
      beforeRate.add(before);
      if (after?.flaky) flaky.push(caseId);
      cases.push(caseId, transition, isChanged, !sameOutputs(afterResults, beforeResults), countsOf(before), countsOf(after), reasonsOf(afterResults));
    };
    for (const caseId of current.caseIds()) compare(caseId, true);
    if (baseline) for (const caseId of baseline.caseIds()) if (!current.hasCase(caseId)) compare(caseId, false);
    const p = mcnemarExact(counts.regressed, counts.fixed);
    systems.push({
      system,
      provider,
      counts,
      changed,
      flaky,
      before: { passRate: beforeRate.rate, cases: beforeRate.cases },
      after: { passRate: afterRate.rate, cases: afterRate.cases },
      delta: beforeRate.rate !== null && afterRate.rate !== null ? afterRate.rate - beforeRate.rate : null,
      mcnemar: { regressions: counts.regressed, fixes: counts.fixed, pRegression: p.oneSidedRegression, pImprovement: p.oneSidedImprovement },
      cases,
    });
  }
  return { suite: current.suite, baselineRunId: baseline?.runId ?? null, runId: current.runId, policy, systems };
}
