import { CompactStringMap } from '../text/compact-string-map.js';
import type { SnapshotSource } from './snapshot.js';

// Which cases of a streamed run were compared already (diffResults): a later duplicate of a result
// (a resume that wrote a job again) must not count twice, and the baseline's cases the run never
// reached are "removed". A case the baseline has is marked in a byte per baseline case, found by
// the number the baseline already gives it; only ids the baseline lacks (new cases; every case
// when there is no baseline) go into a hash set. A million cases compared with a baseline of the
// same million cost 1 MB here instead of a 25 MB set of every id.

export class ComparedCases {
  private readonly inBaseline: Uint8Array;
  private readonly others = new CompactStringMap();

  constructor(private readonly baseline: SnapshotSource | undefined) {
    this.inBaseline = new Uint8Array(baseline?.caseCount ?? 0);
  }

  has(caseId: string): boolean {
    const n = this.baseline?.numberOf(caseId);
    return n === undefined ? this.others.has(caseId) : this.inBaseline[n] === 1;
  }

  add(caseId: string): void {
    const n = this.baseline?.numberOf(caseId);
    if (n === undefined) this.others.addIfAbsent(caseId, 0);
    else this.inBaseline[n] = 1;
  }
}
