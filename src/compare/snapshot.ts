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

export function snapshotResult(record: ResultRecord): SnapshotResult {
  const reasons =
    record.status === 'error'
      ? [record.error?.message ?? 'error']
      : record.checks.filter((c) => !c.pass).map((c) => `${c.spec.type}: ${c.reason}`);
  return {
    status: record.status,
    ...(record.outputHash ? { output: record.outputHash } : {}),
    ...(reasons.length ? { reasons } : {}),
  };
}

/** Fold a stream of results into a snapshot; repeats are ordered by their index. */
export async function buildSnapshot(
  meta: { suite: string; runId: string; checks: CheckSpec[]; systems: Record<string, { provider: string }> },
  records: AsyncIterable<ResultRecord>,
): Promise<Snapshot> {
  const cases: Record<string, SnapshotCase> = {};
  const repeats = new Map<string, number[]>();
  for await (const record of records) {
    const entry = (cases[record.caseId] ??= { hash: record.caseHash, results: {} });
    const list = (entry.results[record.system] ??= []);
    const key = `${record.caseId}\u0000${record.system}`;
    const order = repeats.get(key) ?? [];
    // Keep repeats in index order whatever order they completed in (concurrency).
    const at = order.findIndex((r) => r > record.repeat);
    const index = at === -1 ? order.length : at;
    order.splice(index, 0, record.repeat);
    list.splice(index, 0, snapshotResult(record));
    repeats.set(key, order);
  }
  return { ...meta, cases };
}
