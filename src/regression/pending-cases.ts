import type { SnapshotResult } from './snapshot.js';

// The cases diffResults holds while some of their results are still to come in results.jsonl. When
// one system answers far ahead of another (a recorded column beside a live model: the column's
// answers take a turn of the event loop, the model's a request), half a run's cases can be in flight:
// ~100,000 at 200,000 templated rows. As objects (a Map of systems, arrays of repeats, a result
// object each) a case cost ~590 bytes of heap and the assessment peaked at ~205 MB; each case is held
// here as one flat JSON string of its row hash and its results so far, ~125 bytes.

/** A case's results so far: its row hash, and per system its results in repeat order. */
export interface PendingCase {
  hash: string;
  results: Map<string, Array<{ repeat: number; result: SnapshotResult }>>;
  count: number;
}

/** One result as stored: the system's place in `systems`, the repeat, the status, the output hash (or null) and the reasons (or 0). */
type StoredResult = [number, number, SnapshotResult['status'], string | null, string[] | 0];

export class PendingCases {
  /** Case id → JSON of `[hash, ...StoredResult]`, results in the order they came. Insertion order is the order cases were first seen. */
  private readonly cases = new Map<string, string>();

  constructor(private readonly systems: string[]) {}

  /**
   * A result of a case not yet compared. Returns the case once it holds `expected` results (it is no
   * longer pending then), undefined while it waits; a repeat a system already gave is ignored.
   */
  add(caseId: string, hash: string, system: string, repeat: number, result: SnapshotResult, expected: number): PendingCase | undefined {
    const held = this.cases.get(caseId);
    const stored: unknown[] = held === undefined ? [hash] : (JSON.parse(held) as unknown[]);
    const place = this.systems.indexOf(system);
    for (let i = 1; i < stored.length; i += 5) if (stored[i] === place && stored[i + 1] === repeat) return undefined;
    stored.push(place, repeat, result.status, result.output ?? null, result.reasons ?? 0);
    if ((stored.length - 1) / 5 < expected) {
      // JSON.stringify makes one flat string: a template or `+` would keep its pieces.
      this.cases.set(caseId, JSON.stringify(stored));
      return undefined;
    }
    this.cases.delete(caseId);
    return this.built(stored);
  }

  /** The cases whose results never all came (an interrupted run), in the order they were first seen; each let go as it is read. */
  *unfinished(): Generator<[string, PendingCase]> {
    for (const [caseId, held] of this.cases) {
      this.cases.delete(caseId);
      yield [caseId, this.built(JSON.parse(held) as unknown[])];
    }
  }

  /** The stored case as diffResults reads it, each system's results placed in repeat order as they came. */
  private built(stored: unknown[]): PendingCase {
    const results: PendingCase['results'] = new Map();
    for (let i = 1; i < stored.length; i += 5) {
      const [place, repeat, status, output, reasons] = stored.slice(i, i + 5) as StoredResult;
      const system = this.systems[place];
      const list = results.get(system) ?? [];
      results.set(system, list);
      const at = list.findIndex((r) => r.repeat > repeat);
      const result: SnapshotResult = { status, ...(output !== null ? { output } : {}), ...(reasons ? { reasons } : {}) };
      list.splice(at === -1 ? list.length : at, 0, { repeat, result });
    }
    return { hash: stored[0] as string, results, count: (stored.length - 1) / 5 };
  }
}
