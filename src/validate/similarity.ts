import type { Case } from '../types.js';

// How two inputs are compared for duplicates. Exact: the same conversation once case, spacing and
// Unicode width are ignored. Near: the sets of words overlap by a Jaccard index of at least 0.9,
// which catches a copied row with a word or a punctuation mark changed, but not deliberate
// contrast pairs ("at 7" vs "at 7pm" shares 3 of 5 words). Words, not characters, so the cost of a
// pair is the length of the inputs, not its square.

export const NEAR_DUPLICATE_JACCARD = 0.9;

/** Fewest words a set can have and still be near (Jaccard ≥ 0.9), not equal, to another: 8 words and one more share 8/9. */
export const SHORTEST_NEAR_MISS = 9;

const WORD_JOIN = '\u0001';

/** A word set as one string, its words sorted: a key for equal sets. */
export function joinWords(words: Iterable<string>): string {
  return [...words].sort().join(WORD_JOIN);
}

function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * The key two cases share when their inputs are the same conversation. The case's `now` and
 * timezone are part of it: "remind me tomorrow" asked on two dates is two cases, not one.
 */
export function conversationKey(kase: Pick<Case, 'messages' | 'now' | 'timezone'>): string {
  const turns = kase.messages.map((message) => `${message.role}\u0001${normalizeText(message.content)}`);
  return [...turns, `now\u0001${kase.now ?? ''}\u0001${kase.timezone ?? ''}`].join('\u0002');
}

/** The time context alone: near-duplicates are only looked for among cases that share it. */
export function timeContext(kase: Case): string {
  return `${kase.now ?? ''}\u0001${kase.timezone ?? ''}`;
}

/** The distinct words of every turn (letters and digits, lower case). */
export function wordSet(kase: Pick<Case, 'messages'>): Set<string> {
  const words = new Set<string>();
  for (const message of kase.messages) {
    for (const word of normalizeText(message.content).match(/[\p{L}\p{N}]+/gu) ?? []) words.add(word);
  }
  return words;
}

/** |a ∩ b| / |a ∪ b|; 0 for two empty sets, since they say nothing about the inputs. */
export function jaccard(a: Set<string>, b: Set<string>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const word of small) if (large.has(word)) shared++;
  const union = a.size + b.size - shared;
  return union === 0 ? 0 : shared / union;
}

/** Words in one set but not the other, for "they differ only in …". */
export function wordsNotShared(a: Set<string>, b: Set<string>): string[] {
  return [...[...a].filter((word) => !b.has(word)), ...[...b].filter((word) => !a.has(word))];
}
