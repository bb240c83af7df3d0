import type { Case, Message } from '../types.js';
import { NearDuplicateIndex } from '../validate/near-duplicate-index.js';
import { conversationKey, jaccard, NEAR_DUPLICATE_JACCARD, wordSet } from '../validate/similarity.js';

// New candidate cases against the suite's sheet and against each other, with the near-duplicate
// detector `evals validate` uses (validate/similarity.ts): the same conversation once case and spacing
// are ignored, or word sets overlapping by a Jaccard index of at least 0.9. Unlike validate, the time
// context is not compared: a logged conversation has no `now`, and "remind me tomorrow" asked again is
// the same case for the sheet.
//
// Which pairs are near is found once, up front, by validate's MinHash index instead of comparing every
// pair (20,000 conversations were 200 million comparisons). The measure is the same as validate's, so
// are its odds: a pair at exactly 0.9 is put forward with probability 1 − 4·10⁻⁸ by the 16 bands of 4
// and passes its sketch-agreement filter with probability ~1 − 3·10⁻⁵ (a word changed in a 40-word
// conversation, Jaccard 0.95, misses about 1 time in 10¹²). Every candidate pair is then confirmed with
// the exact Jaccard index, so nothing is dropped that the pairwise rule would keep. The index is asked
// for every pair in a run of equal band keys, not validate's nearest four: here the first earlier
// conversation *still kept* decides, and in a group of near-identical ones that is the group's first.

export interface Duplicate<T> {
  item: T;
  /** What it repeats: `row 5 of datasets/x.csv`, or another new item's description. */
  of: string;
  against: 'sheet' | 'new';
  exact: boolean;
}

interface Known {
  /** Sheet rows first, then the new items, in order: the earliest match is the smallest. */
  position: number;
  key: string;
  /** Its distinct word set's number; -1 without words (such a conversation is only ever an exact repeat). */
  group: number;
  name: string;
  against: 'sheet' | 'new';
}

/** Below 9 words a set is near (Jaccard ≥ 0.9) only to the same set: 8 words and one more share 8/9. */
const SHORTEST_NEAR_MISS = 9;

/**
 * Conversations with the same word set are one group (their Jaccard index with anything is the same);
 * the index compares one set per group, and each group learns the groups near it, confirmed exactly.
 */
function nearGroups(wordSets: Array<Set<string>>): { groupOf: number[]; near: number[][] } {
  const numbers = new Map<string, number>();
  const groupWords: Array<Set<string>> = [];
  const groupOf = wordSets.map((words) => {
    if (words.size === 0) return -1;
    const key = [...words].sort().join('\u0001');
    let group = numbers.get(key);
    if (group === undefined) numbers.set(key, (group = groupWords.push(words) - 1));
    return group;
  });
  const index = new NearDuplicateIndex(Infinity);
  groupWords.forEach((words, group) => {
    if (words.size >= SHORTEST_NEAR_MISS) index.add(group, words, '');
  });
  const near: number[][] = groupWords.map(() => []);
  for (const [later, earlier] of index.candidates()) {
    for (const group of earlier) {
      if (jaccard(groupWords[later], groupWords[group]) < NEAR_DUPLICATE_JACCARD) continue;
      near[later].push(group);
      near[group].push(later);
    }
  }
  return { groupOf, near };
}

/** Sheet rows or kept items: the first of each conversation and of each word set. */
class Pool {
  private readonly byKey = new Map<string, Known>();
  private readonly byGroup = new Map<number, Known>();

  add(entry: Known): void {
    if (!this.byKey.has(entry.key)) this.byKey.set(entry.key, entry);
    if (entry.group >= 0 && !this.byGroup.has(entry.group)) this.byGroup.set(entry.group, entry);
  }

  /** The first entry that is the same conversation, else the first whose words are near, as comparing each in turn would find. */
  match(candidate: Known, near: number[][]): { entry: Known; exact: boolean } | undefined {
    const same = this.byKey.get(candidate.key);
    if (same) return { entry: same, exact: true };
    if (candidate.group < 0) return undefined;
    let first: Known | undefined;
    for (const group of [candidate.group, ...near[candidate.group]]) {
      const entry = this.byGroup.get(group);
      if (entry && (!first || entry.position < first.position)) first = entry;
    }
    return first && { entry: first, exact: false };
  }
}

/**
 * Keep each new item that repeats neither a sheet row nor an earlier kept item; the first of a group of
 * near-identical new items is the one kept. Sheet rows are checked first, so a repeat of both is
 * reported against the sheet.
 */
export function dropDuplicates<T>(
  items: readonly T[],
  messagesOf: (item: T) => Message[],
  nameOf: (item: T) => string,
  sheet: readonly Case[],
  sheetFile: string,
): { kept: T[]; dropped: Array<Duplicate<T>> } {
  const conversations = [...sheet.map((kase) => kase.messages), ...items.map(messagesOf)];
  const { groupOf, near } = nearGroups(conversations.map((messages) => wordSet({ messages })));
  const known = (position: number, name: string, against: Known['against']): Known => ({
    position,
    key: conversationKey({ messages: conversations[position] }),
    group: groupOf[position],
    name,
    against,
  });
  const fromSheet = new Pool();
  sheet.forEach((kase, i) => fromSheet.add(known(i, `row ${kase.row} of ${sheetFile}`, 'sheet')));
  const fromNew = new Pool();
  const kept: T[] = [];
  const dropped: Array<Duplicate<T>> = [];
  items.forEach((item, i) => {
    const candidate = known(sheet.length + i, nameOf(item), 'new');
    const found = fromSheet.match(candidate, near) ?? fromNew.match(candidate, near);
    if (found) {
      dropped.push({ item, of: found.entry.name, against: found.entry.against, exact: found.exact });
      return;
    }
    fromNew.add(candidate);
    kept.push(item);
  });
  return { kept, dropped };
}
