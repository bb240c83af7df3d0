import { hash32 } from '../text/string-hash.js';

// A row's words as 128 bits, one bit set per word: a filter that rules out pairs MinHash cannot tell
// from near-duplicates. Rows built from one template share most words, so their sketches agree on
// ~3/4 of positions and pass the sketch test at ~0.75–0.83 Jaccard; a templated million made 3 million
// such candidate pairs, and their bookkeeping took validate past 250 MB. The bits are exact in one
// direction: a bit set in one row's bits and not the other's has a word of the one row that the other
// lacks (a word shared by both sets the same bit in both), so the bits that differ are never more than
// the words that differ, and a pair with too many differing bits cannot reach the threshold. No true
// near-duplicate is dropped; long rows set most bits and are simply let through.

/** 32-bit words per row. */
export const WORD_BITS_WORDS = 4;

/** Set the bit of each word of `words` into `out` at `offset` (WORD_BITS_WORDS words, cleared first). */
export function writeWordBits(words: Iterable<string>, out: Uint32Array, offset: number): void {
  out.fill(0, offset, offset + WORD_BITS_WORDS);
  for (const word of words) {
    // The top 7 bits of the hash pick the bit: hash32 ends with murmur3's avalanche, so every bit is as good.
    const bit = hash32(word) >>> 25;
    out[offset + (bit >>> 5)] |= 1 << (bit & 31);
  }
}

/** How many bits differ between the rows at `a` and `b` of `bits`: at most how many words differ. */
export function differingBits(bits: Uint32Array, a: number, b: number): number {
  let count = 0;
  for (let i = 0; i < WORD_BITS_WORDS; i++) count += popcount32(bits[a * WORD_BITS_WORDS + i] ^ bits[b * WORD_BITS_WORDS + i]);
  return count;
}

/**
 * Whether sets of `sizeA` and `sizeB` words differing in at least `differing` words could still have a
 * Jaccard index of `threshold`: |A ∩ B| / |A ∪ B| ≥ t needs |A Δ B| ≤ (|A| + |B|)·(1 − t)/(1 + t), which
 * for 0.9 is one differing word for every 19 words of the two rows.
 */
export function mayReach(differing: number, sizeA: number, sizeB: number, threshold: number): boolean {
  // The small slack keeps a pair at exactly the threshold from falling to rounding.
  return differing <= ((sizeA + sizeB) * (1 - threshold)) / (1 + threshold) + 1e-9;
}

function popcount32(value: number): number {
  let v = value - ((value >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}
