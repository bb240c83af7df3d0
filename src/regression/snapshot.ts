import type { CheckSpec, ResultRecord, ResultStatus } from '../types.js';

/** One result as comparisons see it: the verdict and a fingerprint of the output, nothing bulky. */
export interface SnapshotResult {
  status: ResultStatus;
  /** Hash of the output's text and tool calls. */
  output?: string;
  /** One-line reasons of the checks that failed (or the error message). */
  reasons?: string[];
}

export interface SnapshotCase {
  /** Hash of the dataset row: a different hash under the same id is a changed case. */
  hash: string;
  results: Record<string, SnapshotResult[]>;
}

/**
 * The comparable core of a run: per case and system, each repeat's verdict. Both a stored run and
 * a committed baseline.json reduce to this, so `evals compare` treats them alike.
 */
export interface Snapshot {
  suite: string;
  runId: string;
  checks: CheckSpec[];
  systems: Record<string, { provider: string }>;
  cases: Record<string, SnapshotCase>;
}

/**
 * What a comparison reads of a snapshot, case by case: a committed baseline.json (plain objects) and
 * a stored run (columns, see run-snapshot.ts) both answer it.
 */
export interface SnapshotSource {
  suite: string;
  runId: string;
  checks: CheckSpec[];
  systems: Record<string, { provider: string }>;
  /** How many cases; {@link caseIds} gives them in the order of their numbers 0…caseCount-1. */
  caseCount: number;
  caseIds(): Iterable<string>;
  /** The case's number (its place in {@link caseIds}), or undefined when the snapshot lacks it. */
  numberOf(id: string): number | undefined;
  hasCase(id: string): boolean;
  hashOf(id: string): string | undefined;
  resultsOf(id: string, system: string): SnapshotResult[] | undefined;
}

/** A baseline as a comparison reads it, and what it was read from. */
export interface BaselineSource extends SnapshotSource {
  /** Write this baseline to `file` exactly as {@link serializeBaseline} writes it (a run's compared-with.json). */
  copyTo(file: string): void;
  /** Let go of the file it reads its cases from, and its index of them (closing again does nothing). */
  close(): void;
}

/** A plain snapshot read through {@link SnapshotSource}. */
export function sourceOfSnapshot(snapshot: Snapshot): SnapshotSource {
  const { cases } = snapshot;
  let numbers: Map<string, number> | undefined;
  return {
    suite: snapshot.suite,
    runId: snapshot.runId,
    checks: snapshot.checks,
    systems: snapshot.systems,
    caseCount: Object.keys(cases).length,
    caseIds: () => Object.keys(cases),
    numberOf: (id) => (numbers ??= new Map(Object.keys(cases).map((key, n) => [key, n]))).get(id),
    hasCase: (id) => Object.hasOwn(cases, id),
    hashOf: (id) => (Object.hasOwn(cases, id) ? cases[id].hash : undefined),
    resultsOf: (id, system) => (Object.hasOwn(cases, id) ? cases[id].results[system] : undefined),
  };
}

export function snapshotResult(record: ResultRecord): SnapshotResult {
  const reasons = record.status === 'error' ? [record.error?.message ?? 'error'] : record.checks.filter((c) => !c.pass).map((c) => `${c.spec.type}: ${c.reason}`);
  return {
    status: record.status,
    ...(record.outputHash ? { output: record.outputHash } : {}),
    ...(reasons.length ? { reasons } : {}),
  };
}

/** Folds results into a snapshot one at a time, in any completion order (repeats are kept in index order). */
class SnapshotBuilder {
  private readonly cases: Record<string, SnapshotCase> = {};
  /** Each stored result's repeat index, to keep repeats in order without per-case bookkeeping. */
  private readonly repeatOf = new WeakMap<SnapshotResult, number>();

  add(record: ResultRecord): void {
    const entry = (this.cases[record.caseId] ??= { hash: record.caseHash, results: {} });
    const list = (entry.results[record.system] ??= []);
    const result = snapshotResult(record);
    this.repeatOf.set(result, record.repeat);
    const at = list.findIndex((r) => (this.repeatOf.get(r) ?? 0) > record.repeat);
    if (at === -1) list.push(result);
    else list.splice(at, 0, result);
  }

  build(meta: Omit<Snapshot, 'cases'>): Snapshot {
    return { ...meta, cases: this.cases };
  }
}

/** Fold a stream of results into a snapshot. */
export async function buildSnapshot(meta: Omit<Snapshot, 'cases'>, records: AsyncIterable<ResultRecord>): Promise<Snapshot> {
  const builder = new SnapshotBuilder();
  for await (const record of records) builder.add(record);
  return builder.build(meta);
}
