import { CompactStringMap } from '../text/compact-string-map.js';
import type { SnapshotSource } from './snapshot.js';

// Which systems gave their result for each case of a run of one repeat, as diffResults streams it: a
// bit per system. With one repeat a system's result is the whole of its side of the case, so each is
// compared as it comes and no case waits for the other systems' answers (a recorded column runs far
// ahead of a live model: ~500,000 cases waited at a million templated rows). Like compared-cases.ts,
// a case the baseline has is found by the number the baseline gives it (four bytes a case, and a byte
// for whether its row changed); other ids go into a 64-bit-hash table with the bits as its value.

/** At most this many systems fit the bits (a 31-bit value each); more take the waiting path. */
export const MAX_SEEN_SYSTEMS = 31;

export class SeenSystems {
  private readonly inBaseline: Uint32Array;
  /** Per baseline case: 0 not seen yet, 1 seen with the baseline's row hash, 2 seen with another. */
  private readonly rowOf: Uint8Array;
  private readonly others = new CompactStringMap();

  constructor(private readonly baseline: SnapshotSource | undefined) {
    this.inBaseline = new Uint32Array(baseline?.caseCount ?? 0);
    this.rowOf = new Uint8Array(baseline?.caseCount ?? 0);
  }

  /** The bits of the systems seen for `caseId` (0: none). */
  bitsOf(caseId: string): number {
    const n = this.baseline?.numberOf(caseId);
    return n === undefined ? (this.others.get(caseId) ?? 0) : this.inBaseline[n];
  }

  /**
   * Marks `system` (its place) as seen for `caseId`. Returns whether the case's row changed since the
   * baseline, judged by the hash of the case's first result (false for a case the baseline lacks),
   * as when a case was compared once all its results were in.
   */
  add(caseId: string, system: number, hash: string | undefined): boolean {
    const n = this.baseline?.numberOf(caseId);
    if (n === undefined) {
      this.others.set(caseId, (this.others.get(caseId) ?? 0) | (1 << system));
      return false;
    }
    this.inBaseline[n] |= 1 << system;
    if (this.rowOf[n] === 0) this.rowOf[n] = hash !== this.baseline!.hashOf(caseId) ? 2 : 1;
    return this.rowOf[n] === 2;
  }

  /** Whether a baseline case seen by some system had a changed row (see {@link add}). */
  changed(caseId: string): boolean {
    const n = this.baseline?.numberOf(caseId);
    return n !== undefined && this.rowOf[n] === 2;
  }
}
