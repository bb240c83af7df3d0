import type { Case, Message } from '../../src/types.js';
import { conversationKey, jaccard, NEAR_DUPLICATE_JACCARD, wordSet } from '../../src/validate/similarity.js';

// The rule import's deduplication followed before the MinHash index, kept word for word as the oracle
// of dedupe-matches-pairwise.test.ts: every pair compared, so its answer is the definition.
//
// New candidate cases against the suite's sheet and against each other, with the near-duplicate
// detector `evals validate` uses (validate/similarity.ts): the same conversation once case and spacing
// are ignored, or word sets overlapping by a Jaccard index of at least 0.9. Unlike validate, the time
// context is not compared: a logged conversation has no `now`, and "remind me tomorrow" asked again is
// the same case for the sheet.

interface Duplicate<T> {
  item: T;
  /** What it repeats: `row 5 of datasets/x.csv`, or another new item's description. */
  of: string;
  against: 'sheet' | 'new';
  exact: boolean;
}

interface Known {
  key: string;
  words: Set<string>;
  name: string;
  against: 'sheet' | 'new';
}

function known(messages: Message[], name: string, against: 'sheet' | 'new'): Known {
  return { key: conversationKey({ messages }), words: wordSet({ messages }), name, against };
}

function match(candidate: Known, pool: readonly Known[]): { entry: Known; exact: boolean } | undefined {
  for (const entry of pool) if (entry.key === candidate.key) return { entry, exact: true };
  const b = candidate.words;
  if (b.size === 0) return undefined;
  for (const entry of pool) {
    const a = entry.words;
    if (Math.min(a.size, b.size) < NEAR_DUPLICATE_JACCARD * Math.max(a.size, b.size)) continue;
    if (jaccard(a, b) >= NEAR_DUPLICATE_JACCARD) return { entry, exact: false };
  }
  return undefined;
}

/**
 * Keep each new item that repeats neither a sheet row nor an earlier kept item; the first of a group of
 * near-identical new items is the one kept. Sheet rows are checked first, so a repeat of both is
 * reported against the sheet.
 */
export function dropDuplicatesPairwise<T>(
  items: readonly T[],
  messagesOf: (item: T) => Message[],
  nameOf: (item: T) => string,
  sheet: readonly Case[],
  sheetFile: string,
): { kept: T[]; dropped: Array<Duplicate<T>> } {
  const fromSheet = sheet.map((kase) => known(kase.messages, `row ${kase.row} of ${sheetFile}`, 'sheet'));
  const fromNew: Known[] = [];
  const kept: T[] = [];
  const dropped: Array<Duplicate<T>> = [];
  for (const item of items) {
    const candidate = known(messagesOf(item), nameOf(item), 'new');
    const found = match(candidate, fromSheet) ?? match(candidate, fromNew);
    if (found) {
      dropped.push({ item, of: found.entry.name, against: found.entry.against, exact: found.exact });
      continue;
    }
    fromNew.push(candidate);
    kept.push(item);
  }
  return { kept, dropped };
}
