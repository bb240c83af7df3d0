import type { CheckSpec, ResultRecord, ResultStatus } from '../types.js';
import { fit, HashColumn, ReasonLists } from './columns.js';
import { snapshotResult, type Snapshot, type SnapshotResult, type SnapshotSource } from './snapshot.js';

// A stored run's snapshot, held in columns rather than one object per case and result: a
// million-case run compares with its baseline in tens of megabytes, not a gigabyte. Case ids are
// the only per-case strings; hashes are packed into numbers and failure reasons interned.

const STATUSES: ResultStatus[] = ['pass', 'fail', 'error'];
/** Folds results into columns one at a time, in any completion order (repeats kept in index order). */
export class RunSnapshot implements SnapshotSource {
  private readonly caseNumbers = new Map<string, number>();
  private readonly ids: string[] = [];
  private readonly caseHashes = new HashColumn();
  private firstResult = new Int32Array(0);
  private readonly systemNames: string[];
  // Per result: the next result of the same case (-1 at the end), and what the comparison reads.
  private next = new Int32Array(0);
  private repeats = new Int32Array(0);
  private systemOf = new Uint8Array(0);
  private statusOf = new Uint8Array(0);
  private reasonsOf = new Int32Array(0);
  private readonly outputs = new HashColumn();
  private readonly reasons = new ReasonLists();
  private results = 0;

  constructor(
    readonly suite: string,
    readonly runId: string,
    readonly checks: CheckSpec[],
    readonly systems: Record<string, { provider: string }>,
  ) {
    this.systemNames = Object.keys(systems);
  }

  add(record: ResultRecord): void {
    let kase = this.caseNumbers.get(record.caseId);
    if (kase === undefined) {
      kase = this.ids.length;
      this.caseNumbers.set(record.caseId, kase);
      this.ids.push(record.caseId);
      this.caseHashes.set(kase, record.caseHash);
      this.firstResult = fit(this.firstResult, kase + 1, (n) => new Int32Array(n).fill(-1));
      this.firstResult[kase] = -1;
    }
    let system = this.systemNames.indexOf(record.system);
    if (system === -1) {
      system = this.systemNames.length;
      this.systemNames.push(record.system);
    }
    const row = this.results++;
    this.next = fit(this.next, row + 1, (n) => new Int32Array(n));
    this.repeats = fit(this.repeats, row + 1, (n) => new Int32Array(n));
    this.systemOf = fit(this.systemOf, row + 1, (n) => new Uint8Array(n));
    this.statusOf = fit(this.statusOf, row + 1, (n) => new Uint8Array(n));
    this.reasonsOf = fit(this.reasonsOf, row + 1, (n) => new Int32Array(n));
    const result = snapshotResult(record);
    this.repeats[row] = record.repeat;
    this.systemOf[row] = system;
    this.statusOf[row] = STATUSES.indexOf(result.status);
    this.reasonsOf[row] = this.reasons.intern(result.reasons);
    this.outputs.set(row, result.output);
    // Insert in repeat order: a case's results are few, so a walk down its chain is short.
    let previous = -1;
    let at = this.firstResult[kase];
    while (at !== -1 && this.repeats[at] <= record.repeat) {
      previous = at;
      at = this.next[at];
    }
    this.next[row] = at;
    if (previous === -1) this.firstResult[kase] = row;
    else this.next[previous] = row;
  }

  caseIds(): readonly string[] {
    return this.ids;
  }

  hasCase(id: string): boolean {
    return this.caseNumbers.has(id);
  }

  hashOf(id: string): string | undefined {
    const kase = this.caseNumbers.get(id);
    return kase === undefined ? undefined : this.caseHashes.get(kase);
  }

  resultsOf(id: string, system: string): SnapshotResult[] | undefined {
    const kase = this.caseNumbers.get(id);
    const wanted = this.systemNames.indexOf(system);
    if (kase === undefined || wanted === -1) return undefined;
    const list: SnapshotResult[] = [];
    for (let row = this.firstResult[kase]; row !== -1; row = this.next[row]) {
      if (this.systemOf[row] !== wanted) continue;
      const output = this.outputs.get(row);
      const reasons = this.reasons.get(this.reasonsOf[row]);
      list.push({ status: STATUSES[this.statusOf[row]], ...(output !== undefined ? { output } : {}), ...(reasons.length ? { reasons } : {}) });
    }
    return list.length ? list : undefined;
  }

  /** The whole snapshot as plain objects: for writing a baseline, not for comparing. */
  toSnapshot(): Snapshot {
    const cases: Snapshot['cases'] = {};
    for (const id of this.ids) {
      const results: Record<string, SnapshotResult[]> = {};
      for (const system of this.systemNames) {
        const list = this.resultsOf(id, system);
        if (list) results[system] = list;
      }
      cases[id] = { hash: this.hashOf(id) ?? '', results };
    }
    return { suite: this.suite, runId: this.runId, checks: this.checks, systems: this.systems, cases };
  }
}

/** Fold a stream of results into a run snapshot. */
export async function buildRunSnapshot(meta: Omit<Snapshot, 'cases'>, records: AsyncIterable<ResultRecord>): Promise<RunSnapshot> {
  const snapshot = new RunSnapshot(meta.suite, meta.runId, meta.checks, meta.systems);
  for await (const record of records) snapshot.add(record);
  return snapshot;
}

/** Fold a stream of results into a plain snapshot (what baseline.json holds). */
export async function buildSnapshot(meta: Omit<Snapshot, 'cases'>, records: AsyncIterable<ResultRecord>): Promise<Snapshot> {
  return (await buildRunSnapshot(meta, records)).toSnapshot();
}
