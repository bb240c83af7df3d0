import type { Case, Message } from '../types.js';
import { NearDuplicateIndex } from '../validate/near-duplicate-index.js';
import { hashJaccard, wordHashes } from '../validate/duplicates.js';
import { conversationKey, jaccard, joinWords, NEAR_DUPLICATE_JACCARD, SHORTEST_NEAR_MISS, wordSet } from '../validate/similarity.js';

// New candidate cases against the suite's sheet and against each other, with the near-duplicate
// detector `evals validate` uses (validate/similarity.ts): the same conversation once case and spacing
// are ignored, or word sets overlapping by a Jaccard index of at least 0.9. Unlike validate, the time
// context is not compared: a logged conversation has no `now`, and "remind me tomorrow" asked again is
// the same case for the sheet.
//
// Which pairs are near is found once, up front, by validate's MinHash index instead of comparing every
// pair (20,000 conversations were 200 million comparisons). The measure is the same as validate's, so
// are its bands: a pair at exactly 0.9 shares one of the 16 bands of 4 with probability 1 − 4·10⁻⁸
// (1 − (1 − 0.9⁴)¹⁶), then must agree on 48 of the 64 sketch positions, which it fails with probability
// 1.4·10⁻⁴ (binomial tail): found 9,999 times in 10,000. A word changed in a 40-word conversation
// (Jaccard 0.95) is missed about once in 10⁸. That holds while fewer than RUN_WINDOW others share the
// band; see there for longer runs. Every candidate pair is then confirmed with
// the exact Jaccard index, so nothing is dropped that the pairwise rule would keep, and the earliest
// confirmed match is the one reported. Where the pairwise rule finds the first conversation *still
// kept*, and the index offers only neighbours already dropped (a group of near-identical ones), what
// those were dropped for is tried too.

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

/**
 * Within a run of conversations sharing a band, each is compared with this many before it (validate
 * uses 4). Every pair of a run would be exact but quadratic again when long shared boilerplate puts
 * most conversations in one run: 2,000 behind a 100-word preamble took a minute. In a longer run a pair
 * is still found through another band it shares with fewer conversations, or through a neighbour that
 * was dropped as its duplicate (what that one repeated is tried too); what can be missed is a pair
 * whose every shared band is a long run, i.e. when shared boilerplate is most of every conversation.
 */
const RUN_WINDOW = 8;

interface Groups {
  /** Each conversation's distinct word set's number; -1 without words. */
  groupOf: Int32Array;
  /** Each group's distinct words as sorted 32-bit hashes (~4 bytes a word; a Set of strings took ~40). */
  hashes: Uint32Array[];
  /** Each group's first conversation, whose words stand for the group's in an exact comparison. */
  firstOf: number[];
  /** The groups the index put forward with each group (either order), not yet confirmed. */
  candidates: number[][];
}

/**
 * Conversations with the same word set are one group (their Jaccard index with anything is the same);
 * the index sketches one set per group and puts forward the groups that may be near each other. Each
 * conversation's word set lives only while it is sketched and hashed: 20,000 held at once were 90 MB.
 */
function nearGroups(conversations: Message[][]): Groups {
  const numbers = new Map<string, number>();
  const hashes: Uint32Array[] = [];
  const firstOf: number[] = [];
  // Without the word-bits filter: a neighbour that is not itself near is a way to what it was dropped for.
  const index = new NearDuplicateIndex(RUN_WINDOW, 1024, false);
  const groupOf = new Int32Array(conversations.length);
  conversations.forEach((messages, position) => {
    const words = wordSet({ messages });
    if (words.size === 0) {
      groupOf[position] = -1;
      return;
    }
    const key = joinWords(words);
    let group = numbers.get(key);
    if (group === undefined) {
      numbers.set(key, (group = hashes.push(wordHashes(words)) - 1));
      firstOf.push(position);
      if (words.size >= SHORTEST_NEAR_MISS) index.add(group, words, '');
    }
    groupOf[position] = group;
  });
  const candidates: number[][] = hashes.map(() => []);
  for (const [later, earlier] of index.candidates()) {
    for (const group of earlier) {
      candidates[later].push(group);
      candidates[group].push(later);
    }
  }
  return { groupOf, hashes, firstOf, candidates };
}

/** Sheet rows or kept items: the first of each conversation and of each word set. */
class Pool {
  private readonly byKey = new Map<string, Known>();
  private readonly byGroup = new Map<number, Known>();

  /** `kind`: which entries of a near list (sheet rows and kept items mixed) belong to this pool. */
  constructor(private readonly kind: Known['against']) {}

  add(entry: Known): void {
    if (!this.byKey.has(entry.key)) this.byKey.set(entry.key, entry);
    if (entry.group >= 0 && !this.byGroup.has(entry.group)) this.byGroup.set(entry.group, entry);
  }

  /** The first entry that is the same conversation, else the first of its word set or of `near`, as comparing each in turn would find. */
  match(candidate: Known, near: Known[]): { entry: Known; exact: boolean } | undefined {
    const same = this.byKey.get(candidate.key);
    if (same) return { entry: same, exact: true };
    if (candidate.group < 0) return undefined;
    let first = this.byGroup.get(candidate.group);
    for (const entry of near) if (entry.against === this.kind && (!first || entry.position < first.position)) first = entry;
    return first && { entry: first, exact: false };
  }

  /** The first entry of `group`, if any. */
  first(group: number): Known | undefined {
    return this.byGroup.get(group);
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
  const groups = nearGroups(conversations);
  const known = (position: number, name: string, against: Known['against']): Known => ({
    position,
    key: conversationKey({ messages: conversations[position] }),
    group: groups.groupOf[position],
    name,
    against,
  });
  const fromSheet = new Pool('sheet');
  sheet.forEach((kase, i) => fromSheet.add(known(i, `row ${kase.row} of ${sheetFile}`, 'sheet')));
  const fromNew = new Pool('new');
  /** What the first dropped conversation of each group repeated: a sheet row or a kept item, never dropped itself. */
  const droppedFor = new Map<number, Known>();
  // By the words' hashes, then (rarely: near pairs only) by the words themselves, so two words sharing a hash never make a pair.
  const exactlyNear = (a: number, b: number) => jaccard(wordSet({ messages: conversations[groups.firstOf[a]] }), wordSet({ messages: conversations[groups.firstOf[b]] })) >= NEAR_DUPLICATE_JACCARD;
  const isNear = (group: number, entry: Known) => entry.group >= 0 && hashJaccard(groups.hashes[group], groups.hashes[entry.group]) >= NEAR_DUPLICATE_JACCARD && exactlyNear(group, entry.group);
  /** Sheet rows and kept items near `group`: the first of each group put forward, and what those groups' dropped conversations repeated. */
  const nearEntries = (group: number): Known[] => {
    if (group < 0) return [];
    const seen = new Set<Known>();
    for (const other of groups.candidates[group]) {
      for (const entry of [fromSheet.first(other), fromNew.first(other), droppedFor.get(other)]) if (entry) seen.add(entry);
    }
    const own = droppedFor.get(group);
    if (own) seen.add(own);
    return [...seen].filter((entry) => isNear(group, entry));
  };
  const kept: T[] = [];
  const dropped: Array<Duplicate<T>> = [];
  items.forEach((item, i) => {
    const candidate = known(sheet.length + i, nameOf(item), 'new');
    const near = nearEntries(candidate.group);
    const found = fromSheet.match(candidate, near) ?? fromNew.match(candidate, near);
    if (found) {
      dropped.push({ item, of: found.entry.name, against: found.entry.against, exact: found.exact });
      if (candidate.group >= 0 && !droppedFor.has(candidate.group)) droppedFor.set(candidate.group, found.entry);
      return;
    }
    fromNew.add(candidate);
    kept.push(item);
  });
  return { kept, dropped };
}
