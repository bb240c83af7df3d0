import type { Dataset } from '../dataset/load.js';
import { CompactStringMap } from '../text/compact-string-map.js';
import type { Case } from '../types.js';
import { locate } from './locate.js';
import { NearDuplicateIndex } from './near-duplicate-index.js';
import { conversationKey, jaccard, joinWords, NEAR_DUPLICATE_JACCARD, SHORTEST_NEAR_MISS, splitWords, timeContext, wordSet, wordsNotShared } from './similarity.js';
import type { Finding } from './types.js';

function ids(a: { id: string }, b: { id: string }): string {
  return `ids "${a.id}" and "${b.id}"`;
}

/**
 * Exact duplicate inputs (an error: a repeated case counts twice in every pass rate) and
 * near-duplicates (a warning), at any size. Each later row is reported once, against the first
 * earlier row it repeats. Rows with the same input but a different `now` are different cases and
 * are left alone.
 *
 * Two passes over the cases, holding no case: the first keeps a 64-bit hash per input and a MinHash
 * sketch per row and finds candidate pairs; the second reads only the candidates' words again and
 * compares them exactly, so every warning is a true Jaccard ≥ 0.9 and names the differing words.
 */
export function duplicateInputs(dataset: Dataset): Finding[] {
  // Sized for every case up front: growing by doubling leaves each old table as garbage outside
  // the heap until V8 next collects, ~2× the final size at the peak.
  const keys = new CompactStringMap(dataset.cases.length);
  const sameWords = new CompactStringMap(dataset.cases.length);
  const index = new NearDuplicateIndex();
  const repeats = new Map<number, number>();
  const near = new Map<number, number[]>();
  let position = 0;
  for (const kase of dataset.cases) {
    const earlier = keys.addIfAbsent(conversationKey(kase), position);
    if (earlier !== undefined) repeats.set(position, earlier);
    else {
      const words = wordSet(kase);
      // Identical word sets (Jaccard 1) by their hash alone. Below 9 words that is the only way to
      // reach 0.9 (8 words and one more share 8/9), so short rows, most of a big suite, skip the sketches.
      const sameAs = words.size ? sameWords.addIfAbsent(`${timeContext(kase)}\u0002${joinWords(words)}`, position) : undefined;
      if (sameAs !== undefined) near.set(position, [sameAs]);
      else if (words.size >= SHORTEST_NEAR_MISS) index.add(position, words, timeContext(kase));
    }
    position += 1;
  }
  for (const [later, earlier] of index.candidates()) near.set(later, earlier);
  if (repeats.size === 0 && near.size === 0) return [];
  return describePairs(dataset, repeats, near);
}

interface Earlier {
  row: number;
  id: string;
  /** The row's words as one string (joinWords): a Set per kept row weighed ~1 KB, and a templated sheet keeps most rows. */
  words: string;
  context: string;
}

function wordsOf(earlier: Earlier): Set<string> {
  return splitWords(earlier.words);
}

/** The second pass: the earlier rows of every pair are kept as they go by, then each later row is judged against them. */
function describePairs(dataset: Dataset, repeats: Map<number, number>, near: Map<number, number[]>): Finding[] {
  const wanted = new Set<number>([...repeats.values(), ...[...near.values()].flat()]);
  const kept = new Map<number, Earlier>();
  const errors: Finding[] = [];
  const warnings: Finding[] = [];
  let position = 0;
  for (const kase of dataset.cases) {
    const repeated = repeats.get(position);
    const candidates = near.get(position);
    if (repeated !== undefined) errors.push(sameInput(dataset, kept.get(repeated)!, kase));
    else if (candidates) {
      const words = wordSet(kase);
      const context = timeContext(kase);
      const match = candidates.map((p) => kept.get(p)!).find((e) => e.context === context && jaccard(wordsOf(e), words) >= NEAR_DUPLICATE_JACCARD);
      if (match) warnings.push(nearlySameInput(dataset, match, kase, words));
    }
    if (wanted.has(position)) kept.set(position, { row: kase.row, id: kase.id, words: joinWords(wordSet(kase), false), context: timeContext(kase) });
    position += 1;
  }
  return [...errors, ...warnings];
}

function sameInput(dataset: Dataset, earlier: Earlier, kase: Case): Finding {
  return {
    ...locate(dataset, kase.row, 'input'),
    severity: 'error',
    message: `rows ${earlier.row} and ${kase.row} have the same input (${ids(earlier, kase)}); a repeated case counts twice in every pass rate: delete one, or change one if both are meant`,
  };
}

function nearlySameInput(dataset: Dataset, earlier: Earlier, kase: Case, words: Set<string>): Finding {
  const differing = wordsNotShared(wordsOf(earlier), words);
  const how = differing.length === 0 ? 'the same words, differing only in punctuation, case or order' : `differing only in ${differing.map((w) => `"${w}"`).join(', ')}`;
  return {
    ...locate(dataset, kase.row, 'input'),
    severity: 'warning',
    message: `rows ${earlier.row} and ${kase.row} have nearly the same input (${ids(earlier, kase)}: ${how}); if both are meant, make the difference matter, otherwise delete one`,
  };
}
