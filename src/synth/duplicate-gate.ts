import type { Dataset } from '../dataset/load.js';
import type { Case } from '../types.js';
import { duplicateInputs } from '../validate/duplicates.js';
import { jaccard, wordSet } from '../validate/similarity.js';

// Each new row against the sheet and the rows already kept, with the same detector `evals validate`
// uses (through its exported function, so a faster detector behind it serves here too): a row it
// would report as the same or nearly the same input is dropped, never written.

export interface DuplicateHit {
  /** Whether the row it repeats is in the sheet or among the new rows. */
  of: 'sheet' | 'new';
  /** That row's id, and its row in its own file. */
  id: string;
  row: number;
  text: string;
}

function firstUserText(kase: Case): string {
  return kase.messages.find((message) => message.role === 'user')?.content ?? '';
}

export class DuplicateGate {
  private readonly kept: Case[] = [];
  /** New rows are numbered past the sheet's own rows inside the gate, so the detector's findings name them alone. */
  private readonly firstNewRow: number;

  constructor(private readonly sheet: Dataset) {
    this.firstNewRow = Math.max(1, ...sheet.cases.map((kase) => kase.row)) + 1;
  }

  /** The row `candidate` repeats (the closest by shared words), or undefined when it is new. */
  check(candidate: Case): DuplicateHit | undefined {
    const row = this.firstNewRow + this.kept.length;
    const renumbered = this.kept.map((kase, index) => ({ ...kase, row: this.firstNewRow + index }));
    const dataset: Dataset = { ...this.sheet, cases: [...this.sheet.cases, ...renumbered, { ...candidate, row }], warnings: [] };
    if (!duplicateInputs(dataset).some((finding) => finding.row === row)) return undefined;
    const words = wordSet(candidate);
    let best: { kase: Case; of: DuplicateHit['of']; score: number } | undefined;
    for (const [of, cases] of [['sheet', this.sheet.cases] as const, ['new', this.kept] as const]) {
      for (const kase of cases) {
        const score = jaccard(words, wordSet(kase));
        if (!best || score > best.score) best = { kase, of, score };
      }
    }
    return best && { of: best.of, id: best.kase.id, row: best.kase.row, text: firstUserText(best.kase) };
  }

  keep(kase: Case): void {
    this.kept.push(kase);
  }
}
