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
  /** That row's id and its first user message, for the model's next request. */
  id: string;
  text: string;
}

/**
 * Rows sharing fewer words than this with the candidate cannot be near-duplicates of it (the detector
 * needs 0.9), so the detector is shown only the others: far below its threshold, so it still decides,
 * but a 5,000-row sheet is not compared pair by pair once per new row.
 */
const SHORTLIST_JACCARD = 0.5;

interface Known {
  kase: Case;
  words: Set<string>;
  of: DuplicateHit['of'];
}

function firstUserText(kase: Case): string {
  return kase.messages.find((message) => message.role === 'user')?.content ?? '';
}

export class DuplicateGate {
  private readonly known: Known[];
  /** New rows are numbered past the sheet's own rows inside the gate, so the detector's findings name them alone. */
  private nextRow: number;

  constructor(private readonly sheet: Dataset) {
    const cases = [...sheet.cases];
    this.known = cases.map((kase) => ({ kase, words: wordSet(kase), of: 'sheet' as const }));
    this.nextRow = cases.reduce((max, kase) => Math.max(max, kase.row), 1) + 1;
  }

  /** The row `candidate` repeats (the closest by shared words), or undefined when it is new. */
  check(candidate: Case): DuplicateHit | undefined {
    const words = wordSet(candidate);
    // Two inputs without a word ("???") can still be the same conversation: the detector decides those too.
    const scored = this.known.map((known) => ({ known, score: known.words.size === 0 && words.size === 0 ? 1 : jaccard(words, known.words) }));
    const shortlist = scored.filter((entry) => entry.score >= SHORTLIST_JACCARD);
    if (shortlist.length === 0) return undefined;
    const row = this.nextRow;
    const dataset: Dataset = { ...this.sheet, cases: [...shortlist.map((entry) => entry.known.kase), { ...candidate, row }], warnings: [] };
    if (!duplicateInputs(dataset).some((finding) => finding.row === row)) return undefined;
    const best = shortlist.reduce((a, b) => (b.score > a.score ? b : a)).known;
    return { of: best.of, id: best.kase.id, text: firstUserText(best.kase) };
  }

  keep(kase: Case): void {
    // Numbered past the sheet, so a kept row never shares a row number with a sheet row in the detector's findings.
    this.known.push({ kase: { ...kase, row: this.nextRow++ }, words: wordSet(kase), of: 'new' });
  }
}
