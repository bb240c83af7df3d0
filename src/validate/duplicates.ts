import type { Dataset } from '../dataset/load.js';
import { CompactStringMap } from '../text/compact-string-map.js';
import type { Case } from '../types.js';
import { collectGarbage } from '../heap.js';
import { locate } from './locate.js';
import { hash32 } from '../text/string-hash.js';
import { NearDuplicateIndex, type CandidatePairs } from './near-duplicate-index.js';
import { conversationKey, jaccard, joinWords, NEAR_DUPLICATE_JACCARD, SHORTEST_NEAR_MISS, timeContext, wordSet, wordsNotShared } from './similarity.js';
import type { Finding } from './types.js';

function ids(a: { id: string }, b: { id: string }): string {
  return `ids "${a.id}" and "${b.id}"`;
}

/**
 * Below this many rows what a pass lets go of is a few megabytes, and a full collection costs more than
 * it frees: `evals synth` runs this check once per proposed row.
 */
const COLLECT_FROM_ROWS = 50_000;

function collectIfLarge(dataset: Dataset): void {
  if (dataset.cases.length >= COLLECT_FROM_ROWS) collectGarbage();
}

/**
 * Exact duplicate inputs (an error: a repeated case counts twice in every pass rate) and
 * near-duplicates (a warning), at any size. Each later row is reported once, against the first
 * earlier row it repeats. Rows with the same input but a different `now` are different cases and
 * are left alone.
 *
 * Up to four passes over the cases, holding no case and no word as a string but those of the rows
 * compared at the end:
 * 1. a 64-bit hash per input finds the repeats, then a MinHash sketch per row the candidate pairs;
 * 2. only when the candidates' earlier rows have more words than WORDS_HELD: the earlier row of every
 *    candidate pair keeps its words as 32-bit hashes, and each later row is compared with them (before
 *    the word bits, a templated sheet made a candidate of most rows; as strings, their words took a
 *    200,000-row sheet past 600 MB);
 * 3. the rows of the pairs are read again, their words compared exactly as strings, so every
 *    warning is a true Jaccard ≥ 0.9 and names the differing words.
 */
export function duplicateInputs(dataset: Dataset): Finding[] {
  const { repeats, identical, pairs, wordCounts, crowded } = findCandidates(dataset);
  // The sketches (~90 MB at a million rows) are garbage now: freed before the next passes fill the heap.
  collectIfLarge(dataset);
  const notice = crowded ? [partlyCompared(dataset, crowded)] : [];
  if (repeats.size === 0 && identical.size === 0 && pairs.count === 0) return notice;
  const near = new Map<number, number[]>([...identical].map(([later, earlier]) => [later, [earlier]]));
  for (const [later, earlier] of nearCandidates(dataset, pairs, wordCounts)) near.set(later, earlier);
  return [...describePairs(dataset, repeats, near), ...notice];
}

/** The bound on the check, said where it applied (see NearDuplicateIndex.partlyCompared). */
function partlyCompared(dataset: Dataset, crowded: { rows: number; window: number }): Finding {
  const rows = crowded.rows === 1 ? '1 row shares all its' : `${crowded.rows} rows share all their`;
  return {
    file: dataset.file,
    severity: 'info',
    message: `near-duplicates: ${rows} MinHash bands with more than ${crowded.window + 1} rows (rows built from a few templates do), so each was compared with the ${crowded.window} rows before it in each band, not with every row like it; a near-duplicate among them may go unreported`,
  };
}

/** Pass 1. `identical`: later → earlier position with the same word set (by hash); `wordCounts`: distinct words per position sketched. */
function findCandidates(dataset: Dataset): {
  repeats: Map<number, number>;
  identical: Map<number, number>;
  pairs: CandidatePairs;
  wordCounts: Uint16Array;
  /** How many rows the index compared only partly, and its window. */
  crowded: { rows: number; window: number } | undefined;
} {
  // Two reads, not one: the hash tables of findRepeats are garbage, and collected, by the time the
  // sketches are made, so a million rows never hold both (~50 MB and ~90 MB) at once.
  const { sketched, ...exact } = findRepeats(dataset);
  collectIfLarge(dataset);
  const { index, wordCounts } = sketchRows(dataset, sketched);
  const pairs = index.candidatePairs();
  return { ...exact, wordCounts, pairs, crowded: index.partlyCompared ? { rows: index.partlyCompared, window: index.window } : undefined };
}

/**
 * Exact repeats, and rows with identical word sets, by 64-bit hashes; `sketched`: 1 for each position
 * the near-duplicate index needs (neither, and enough words to be near another without being equal).
 */
function findRepeats(dataset: Dataset): { repeats: Map<number, number>; identical: Map<number, number>; sketched: Uint8Array } {
  // Sized for every case up front: growing by doubling leaves each old table as garbage outside
  // the heap until V8 next collects, ~2× the final size at the peak.
  const keys = new CompactStringMap(dataset.cases.length);
  const sameWords = new CompactStringMap(dataset.cases.length);
  const sketched = new Uint8Array(dataset.cases.length);
  const repeats = new Map<number, number>();
  const identical = new Map<number, number>();
  let position = 0;
  for (const kase of dataset.cases) {
    const earlier = keys.addIfAbsent(conversationKey(kase), position);
    if (earlier !== undefined) repeats.set(position, earlier);
    else {
      const words = wordSet(kase);
      // Identical word sets (Jaccard 1) by their hash alone. Below 9 words that is the only way to
      // reach 0.9 (8 words and one more share 8/9), so short rows, most of a big suite, skip the sketches.
      const sameAs = words.size ? sameWords.addIfAbsent(`${timeContext(kase)}\u0002${joinWords(words)}`, position) : undefined;
      if (sameAs !== undefined) identical.set(position, sameAs);
      else if (words.size >= SHORTEST_NEAR_MISS) sketched[position] = 1;
    }
    position += 1;
  }
  return { repeats, identical, sketched };
}

/** The rows `sketched` marks, in the near-duplicate index; `wordCounts`: their distinct words (0 for the others). */
function sketchRows(dataset: Dataset, sketched: Uint8Array): { index: NearDuplicateIndex; wordCounts: Uint16Array } {
  let rows = 0;
  for (const marked of sketched) rows += marked;
  const index = new NearDuplicateIndex(undefined, rows);
  const wordCounts = new Uint16Array(dataset.cases.length);
  if (rows === 0) return { index, wordCounts };
  let position = 0;
  for (const kase of dataset.cases) {
    if (sketched[position]) {
      const words = wordSet(kase);
      wordCounts[position] = Math.min(words.size, 0xffff);
      index.add(position, words, timeContext(kase));
    }
    position += 1;
  }
  return { index, wordCounts };
}

/**
 * Words the earlier rows of the candidate pairs may have in all for pass 3 to hold them as strings
 * (~50 bytes a word, so ~10 MB) and compare every candidate there, saving pass 2's read of the cases.
 */
const WORDS_HELD = 200_000;

/** Later position → the earlier positions pass 3 compares it with, ascending: all its candidates when few, else the one pass 2 finds. */
function nearCandidates(dataset: Dataset, pairs: CandidatePairs, wordCounts: Uint16Array): Map<number, number[]> {
  // Counted once per pair, not per earlier row: an upper bound, without a set of the rows.
  let words = 0;
  for (let i = 0; i < pairs.count && words <= WORDS_HELD; i++) words += wordCounts[pairs.earlier(i)];
  const byLater = new Map<number, number[]>();
  if (words > WORDS_HELD) {
    for (const [later, earlier] of compareWordHashes(dataset, pairs, wordCounts)) byLater.set(later, [earlier]);
    return byLater;
  }
  for (let i = 0; i < pairs.count; i++) {
    const list = byLater.get(pairs.later(i));
    if (list) list.push(pairs.earlier(i));
    else byLater.set(pairs.later(i), [pairs.earlier(i)]);
  }
  return byLater;
}

/** A row's distinct words as sorted 32-bit hashes: ~4 bytes a word where a Set of strings took ~50. */
export function wordHashes(words: Set<string>): Uint32Array {
  const hashes = Uint32Array.from(words, (word) => hash32(word)).sort();
  let unique = 0;
  for (let i = 0; i < hashes.length; i++) if (i === 0 || hashes[i] !== hashes[i - 1]) hashes[unique++] = hashes[i];
  return hashes.subarray(0, unique);
}

/** Jaccard of two sorted, distinct hash lists. */
export function hashJaccard(a: Uint32Array, b: Uint32Array): number {
  let shared = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    if (a[i] === b[j]) (shared++, i++, j++);
    else if (a[i] < b[j]) i++;
    else j++;
  }
  const union = a.length + b.length - shared;
  return union === 0 ? 0 : shared / union;
}

/**
 * Pass 2: later → the first earlier position of its candidates whose words reach the threshold,
 * compared as hashes (two words sharing a 32-bit hash, ~1 in 10⁷ for a row of 40, is undone by pass 3).
 */
function compareWordHashes(dataset: Dataset, pairs: CandidatePairs, wordCounts: Uint16Array): Map<number, number> {
  const found = new Map<number, number>();
  if (pairs.count === 0) return found;
  // The earlier rows, ascending, and where each one's hashes sit in one shared pool.
  const earlierRows = Uint32Array.from({ length: pairs.count }, (_, i) => pairs.earlier(i)).sort();
  let wanted = 0;
  for (let i = 0; i < earlierRows.length; i++) if (i === 0 || earlierRows[i] !== earlierRows[i - 1]) earlierRows[wanted++] = earlierRows[i];
  const kept = earlierRows.slice(0, wanted);
  const starts = new Uint32Array(wanted + 1);
  for (let i = 0; i < wanted; i++) starts[i + 1] = starts[i] + wordCounts[kept[i]];
  const pool = new Uint32Array(starts[wanted]);
  const hashesOf = (position: number): Uint32Array => {
    const at = binarySearch(kept, position);
    return pool.subarray(starts[at], starts[at + 1]);
  };
  const lastLater = pairs.later(pairs.count - 1);
  let nextPair = 0;
  let nextKept = 0;
  let position = 0;
  for (const kase of dataset.cases) {
    if (position > lastLater) break;
    const isLater = nextPair < pairs.count && pairs.later(nextPair) === position;
    const isKept = nextKept < wanted && kept[nextKept] === position;
    if (isLater || isKept) {
      const hashes = wordHashes(wordSet(kase));
      for (; nextPair < pairs.count && pairs.later(nextPair) === position; nextPair++) {
        if (!found.has(position) && hashJaccard(hashesOf(pairs.earlier(nextPair)), hashes) >= NEAR_DUPLICATE_JACCARD) found.set(position, pairs.earlier(nextPair));
      }
      if (isKept) {
        // A word count of 65,535 or more was clamped: the pool holds only that many of the row's words.
        pool.set(hashes.subarray(0, starts[nextKept + 1] - starts[nextKept]), starts[nextKept]);
        nextKept += 1;
      }
    }
    position += 1;
  }
  return found;
}

function binarySearch(sorted: Uint32Array, value: number): number {
  let low = 0;
  let high = sorted.length - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle] < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

interface Earlier {
  row: number;
  id: string;
  words: Set<string>;
  context: string;
}

/**
 * Pass 3: the earlier rows of the pairs kept as they go by, then each later row compared exactly with its
 * candidates (`near`, ascending) and described against the first that is near.
 */
function describePairs(dataset: Dataset, repeats: Map<number, number>, near: Map<number, number[]>): Finding[] {
  const wanted = new Set<number>(repeats.values());
  for (const candidates of near.values()) for (const earlier of candidates) wanted.add(earlier);
  let last = 0;
  for (const later of repeats.keys()) last = Math.max(last, later);
  for (const later of near.keys()) last = Math.max(last, later);
  const kept = new Map<number, Earlier>();
  const errors: Finding[] = [];
  const warnings: Finding[] = [];
  let position = 0;
  for (const kase of dataset.cases) {
    if (position > last) break;
    const repeated = repeats.get(position);
    const similar = near.get(position);
    if (repeated !== undefined) errors.push(sameInput(dataset, kept.get(repeated)!, kase));
    else if (similar !== undefined) {
      const words = wordSet(kase);
      const context = timeContext(kase);
      const earlier = similar.map((at) => kept.get(at)!).find((row) => row.context === context && jaccard(row.words, words) >= NEAR_DUPLICATE_JACCARD);
      if (earlier) warnings.push(nearlySameInput(dataset, earlier, kase, words));
    }
    if (wanted.has(position)) kept.set(position, { row: kase.row, id: kase.id, words: wordSet(kase), context: timeContext(kase) });
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
  const differing = wordsNotShared(earlier.words, words);
  const how = differing.length === 0 ? 'the same words, differing only in punctuation, case or order' : `differing only in ${differing.map((w) => `"${w}"`).join(', ')}`;
  return {
    ...locate(dataset, kase.row, 'input'),
    severity: 'warning',
    message: `rows ${earlier.row} and ${kase.row} have nearly the same input (${ids(earlier, kase)}: ${how}); if both are meant, make the difference matter, otherwise delete one`,
  };
}
