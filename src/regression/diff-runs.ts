import { mcnemarExact } from '../stats/mcnemar.js';
import { caseVerdict, type CaseVerdict, type RepeatPolicy } from './case-verdict.js';
import { ComparedCases } from './compared-cases.js';
import { PendingCases, type PendingCase } from './pending-cases.js';
import { MAX_SEEN_SYSTEMS, SeenSystems } from './seen-systems.js';
import type { ResultRecord } from '../types.js';
import { snapshotResult, sourceOfSnapshot, type Snapshot, type SnapshotResult, type SnapshotSource } from './snapshot.js';
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

/** One system's side of a comparison, fed case by case in any order. */
class SystemDiff {
  private readonly counts = emptyCounts();
  private readonly cases: TransitionColumns;
  private readonly beforeRate = new RateCounter();
  private readonly afterRate = new RateCounter();
  private readonly flaky: string[] = [];
  private changed = 0;

  constructor(
    readonly system: string,
    private readonly provider: string,
    private readonly policy: RepeatPolicy,
    private readonly partial: boolean,
  ) {
    this.cases = new TransitionColumns(policy);
  }

  /** A case of the current run (`inCurrent`) or one only the baseline has. */
  add(caseId: string, inCurrent: boolean, changedRow: boolean, afterResults: SnapshotResult[] | undefined, beforeResults: SnapshotResult[] | undefined): void {
    if (!afterResults && !beforeResults) return;
    if (!inCurrent && this.partial) return;
    const after = afterResults?.length ? caseVerdict(afterResults, this.policy) : undefined;
    const before = beforeResults?.length ? caseVerdict(beforeResults, this.policy) : undefined;
    if (changedRow) this.changed += 1;
    const transition = transitionOf(before, after);
    this.counts[transition] += 1;
    this.afterRate.add(after);
    this.beforeRate.add(before);
    if (after?.flaky) this.flaky.push(caseId);
    this.cases.push(caseId, transition, changedRow, !sameOutputs(afterResults, beforeResults), countsOf(before), countsOf(after), reasonsOf(afterResults));
  }

  finish(): SystemRegression {
    const { counts, beforeRate, afterRate } = this;
    const p = mcnemarExact(counts.regressed, counts.fixed);
    return {
      system: this.system,
      provider: this.provider,
      counts,
      changed: this.changed,
      flaky: this.flaky,
      before: { passRate: beforeRate.rate, cases: beforeRate.cases },
      after: { passRate: afterRate.rate, cases: afterRate.cases },
      delta: beforeRate.rate !== null && afterRate.rate !== null ? afterRate.rate - beforeRate.rate : null,
      mcnemar: { regressions: counts.regressed, fixes: counts.fixed, pRegression: p.oneSidedRegression, pImprovement: p.oneSidedImprovement },
      cases: this.cases,
    };
  }
}

/** Every system of the current side, fed whole cases; then the cases only the baseline has. */
class SuiteDiff {
  private readonly diffs: SystemDiff[];

  constructor(
    private readonly baseline: SnapshotSource | undefined,
    systems: Record<string, { provider: string }>,
    private readonly policy: RepeatPolicy,
    partial: boolean,
  ) {
    this.diffs = Object.entries(systems).map(([system, { provider }]) => new SystemDiff(system, provider, policy, partial));
  }

  /** A case of the current run: its row hash and its results per system (repeats in order). */
  addCase(caseId: string, hash: string | undefined, resultsOf: (system: string) => SnapshotResult[] | undefined): void {
    const changedRow = Boolean(this.baseline?.hasCase(caseId)) && hash !== this.baseline?.hashOf(caseId);
    for (const diff of this.diffs) diff.add(caseId, true, changedRow, resultsOf(diff.system), this.baseline?.resultsOf(caseId, diff.system));
  }

  /** One system's results of a case (the system's place among them), compared without the other systems' (a run of one repeat). */
  addOfSystem(place: number, caseId: string, changedRow: boolean, results: SnapshotResult[]): void {
    const diff = this.diffs[place];
    diff.add(caseId, true, changedRow, results, this.baseline?.resultsOf(caseId, diff.system));
  }

  /** {@link finish} when each system's results were compared as they came: a baseline case some systems never answered is theirs to miss. */
  finishSeen(current: { suite: string; runId: string }, seen: SeenSystems): SuiteRegression {
    if (this.baseline) {
      for (const caseId of this.baseline.caseIds()) {
        const bits = seen.bitsOf(caseId);
        // No bits: the run never reached the case (removed). Some: an interrupted run, and these systems' results are missing.
        const changed = bits !== 0 && seen.changed(caseId);
        this.diffs.forEach((diff, place) => {
          if (!(bits & (1 << place))) diff.add(caseId, bits !== 0, changed, undefined, this.baseline!.resultsOf(caseId, diff.system));
        });
      }
    }
    return this.regression(current);
  }

  finish(current: { suite: string; runId: string }, inCurrent: (caseId: string) => boolean): SuiteRegression {
    if (this.baseline) {
      for (const caseId of this.baseline.caseIds()) {
        if (inCurrent(caseId)) continue;
        for (const diff of this.diffs) diff.add(caseId, false, false, undefined, this.baseline.resultsOf(caseId, diff.system));
      }
    }
    return this.regression(current);
  }

  private regression(current: { suite: string; runId: string }): SuiteRegression {
    return { suite: current.suite, baselineRunId: this.baseline?.runId ?? null, runId: current.runId, policy: this.policy, systems: this.diffs.map((d) => d.finish()) };
  }
}

export function diffSnapshots(baselineSnapshot: Snapshot | SnapshotSource | undefined, currentSnapshot: Snapshot | SnapshotSource, options: DiffOptions = {}): SuiteRegression {
  const current = asSource(currentSnapshot);
  const suite = new SuiteDiff(baselineSnapshot && asSource(baselineSnapshot), current.systems, options.policy ?? 'all', Boolean(options.partial));
  for (const caseId of current.caseIds()) suite.addCase(caseId, current.hashOf(caseId), (system) => current.resultsOf(caseId, system));
  return suite.finish(current, (caseId) => current.hasCase(caseId));
}

/**
 * {@link diffSnapshots} for a stored run, read straight from its results as they stream: a case is
 * compared as soon as all its results (repeats × systems) are in, so only cases still in flight are
 * held, plus which cases were compared (compared-cases.ts: a byte per baseline case, 64-bit hashes
 * of the ids the baseline lacks; two of those colliding among a million is a chance of about 3 in
 * 100 million). A later duplicate of a result (a resume that wrote a job
 * again) is not counted twice.
 */
export async function diffResults(
  baselineSnapshot: Snapshot | SnapshotSource | undefined,
  current: Omit<Snapshot, 'cases'> & { repeat: number },
  records: AsyncIterable<ResultRecord>,
  options: DiffOptions = {},
): Promise<SuiteRegression> {
  const baseline = baselineSnapshot && asSource(baselineSnapshot);
  const suite = new SuiteDiff(baseline, current.systems, options.policy ?? 'all', Boolean(options.partial));
  const systems = Object.keys(current.systems);
  if (current.repeat === 1 && systems.length <= MAX_SEEN_SYSTEMS) return diffOneRepeat(baseline, current, records, suite, systems);
  const expected = current.repeat * systems.length;
  // Held as strings, not objects (pending-cases.ts): a system far ahead of another leaves many cases in flight.
  const pending = new PendingCases(systems);
  const compared = new ComparedCases(baseline);
  const compare = (caseId: string, kase: PendingCase) => {
    compared.add(caseId);
    suite.addCase(caseId, kase.hash, (system) => kase.results.get(system)?.map((r) => r.result));
  };
  for await (const record of records) {
    if (!Object.hasOwn(current.systems, record.system) || compared.has(record.caseId)) continue;
    const kase = pending.add(record.caseId, record.caseHash, record.system, record.repeat, snapshotResult(record), expected);
    if (kase) compare(record.caseId, kase);
  }
  // Cases with results missing (an interrupted run): compared on what they have.
  for (const [caseId, kase] of pending.unfinished()) compare(caseId, kase);
  return suite.finish(current, (caseId) => compared.has(caseId));
}

/**
 * {@link diffResults} for a run of one repeat: a system's result is all of its side of a case, so each
 * is compared as it comes, whatever the other systems answered yet (seen-systems.ts), and no case is
 * held. Flaky cases, the one thing whose order followed the cases' completion, need two repeats.
 */
async function diffOneRepeat(
  baseline: SnapshotSource | undefined,
  current: { suite: string; runId: string },
  records: AsyncIterable<ResultRecord>,
  suite: SuiteDiff,
  systems: string[],
): Promise<SuiteRegression> {
  const seen = new SeenSystems(baseline);
  for await (const record of records) {
    const place = systems.indexOf(record.system);
    // Another system's name, or a later duplicate of a result (a resume that wrote a job again).
    if (place === -1 || seen.bitsOf(record.caseId) & (1 << place)) continue;
    const changedRow = seen.add(record.caseId, place, record.caseHash);
    suite.addOfSystem(place, record.caseId, changedRow, [snapshotResult(record)]);
  }
  return suite.finishSeen(current, seen);
}
