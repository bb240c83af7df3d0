import { hash32, mix32 } from '../text/string-hash.js';

// MinHash: a short fingerprint of a set of words such that two sets' fingerprints agree, position by
// position, with probability equal to their Jaccard index. 64 positions kept as one byte each: the
// low byte of a minimum agrees by chance only 1 time in 256, which barely moves the estimate, and a
// million rows cost 64 MB instead of 256. Near-duplicates are then found by locality-sensitive
// hashing (near-duplicate-index.ts) instead of comparing every pair of rows.

/** Positions in a sketch. */
export const SKETCH_SIZE = 64;

// One seed per position: hash i of a word is a fixed bijection of the word's hash, so a word's 64
// hashes cost 64 multiplications, not 64 passes over its characters.
const SEEDS = Uint32Array.from({ length: SKETCH_SIZE }, (_, i) => mix32(i + 0x51ed270b));

/**
 * The sketch of `words` written into `out` at `offset`: for each position, the low byte of the
 * smallest hash any word has under that position's hash function. An empty set leaves 0xff bytes.
 */
export function writeSketch(words: Iterable<string>, out: Uint8Array, offset: number, minimums = new Uint32Array(SKETCH_SIZE)): void {
  minimums.fill(0xffffffff);
  for (const word of words) {
    const h = hash32(word);
    for (let i = 0; i < SKETCH_SIZE; i++) {
      let x = Math.imul(h ^ SEEDS[i], 0x9e3779b1);
      x ^= x >>> 15;
      x = Math.imul(x, 0x85ebca6b) >>> 0;
      if (x < minimums[i]) minimums[i] = x;
    }
  }
  for (let i = 0; i < SKETCH_SIZE; i++) out[offset + i] = minimums[i] & 0xff;
}

/**
 * How many positions of two sketches in `sketches` (at rows `a` and `b`) agree, giving up (returning
 * less than `needed`) as soon as `needed` can no longer be reached.
 */
export function agreeingPositions(sketches: Uint8Array, a: number, b: number, needed: number): number {
  const [x, y] = [a * SKETCH_SIZE, b * SKETCH_SIZE];
  let misses = 0;
  const allowed = SKETCH_SIZE - needed;
  for (let i = 0; i < SKETCH_SIZE; i++) {
    if (sketches[x + i] !== sketches[y + i] && ++misses > allowed) return SKETCH_SIZE - misses;
  }
  return SKETCH_SIZE - misses;
}

/** Estimated Jaccard index of two words sets from their sketches' agreement. */
export function estimatedJaccard(sketches: Uint8Array, a: number, b: number): number {
  return agreeingPositions(sketches, a, b, 0) / SKETCH_SIZE;
}
