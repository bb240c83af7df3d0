import { describe, expect, it } from 'vitest';
import { NearDuplicateIndex } from '../../src/validate/near-duplicate-index.js';
import { jaccard, NEAR_DUPLICATE_JACCARD } from '../../src/validate/similarity.js';
import { differingBits, mayReach, WORD_BITS_WORDS, writeWordBits } from '../../src/validate/word-bits.js';

// The word bits may only ever rule out pairs below the threshold: checked on many random pairs of sets,
// near and far, of the sizes validate sees, and on a templated sheet where they must leave only the
// planted pair.

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
}

function bitsOf(...sets: Array<Set<string>>): Uint32Array {
  const out = new Uint32Array(sets.length * WORD_BITS_WORDS);
  sets.forEach((set, i) => writeWordBits(set, out, i * WORD_BITS_WORDS));
  return out;
}

describe('word bits', () => {
  it('never count more differing bits than differing words, and never rule out a pair at 0.9 or above', () => {
    const next = random(7);
    let near = 0;
    let ruledOut = 0;
    for (let trial = 0; trial < 5_000; trial++) {
      const size = 9 + Math.floor(next() * 150);
      const a = new Set(Array.from({ length: size }, (_, i) => `w${trial}-${i}`));
      // Drop and add a few words: from a copy (Jaccard ~1) to a different row (~0.5).
      const changes = Math.floor(next() * Math.max(2, size / 4));
      const b = new Set([...a].filter(() => next() > changes / size));
      for (let i = 0; i < changes; i++) b.add(`x${trial}-${i}`);
      const differing = [...a].filter((w) => !b.has(w)).length + [...b].filter((w) => !a.has(w)).length;
      const bits = differingBits(bitsOf(a, b), 0, 1);
      expect(bits).toBeLessThanOrEqual(differing);
      const reach = mayReach(bits, a.size, b.size, NEAR_DUPLICATE_JACCARD);
      if (jaccard(a, b) >= NEAR_DUPLICATE_JACCARD) {
        near += 1;
        expect(reach).toBe(true);
      } else if (!reach) ruledOut += 1;
    }
    // Both kinds were seen: the check above is not vacuous, and the bits do rule pairs out.
    expect(near).toBeGreaterThan(100);
    expect(ruledOut).toBeGreaterThan(1_000);
  });

  it('let a pair at exactly the threshold through: two rows of 19 words sharing 18 is 18/20 = 0.9', () => {
    const a = new Set(Array.from({ length: 19 }, (_, i) => `w${i}`));
    const b = new Set([...[...a].slice(1), 'other']);
    expect(jaccard(a, b)).toBe(0.9);
    // Two differing words (w0, other) are the most two rows of 19 words can have at 0.9: (19 + 19) / 19.
    expect(mayReach(2, 19, 19, NEAR_DUPLICATE_JACCARD)).toBe(true);
    expect(mayReach(3, 19, 19, NEAR_DUPLICATE_JACCARD)).toBe(false);
    expect(mayReach(differingBits(bitsOf(a, b), 0, 1), a.size, b.size, NEAR_DUPLICATE_JACCARD)).toBe(true);
  });
});

describe('NearDuplicateIndex with word bits', () => {
  it('offers the planted copy among rows of one template, and few of the rows whose sketches alone pass at Jaccard ~0.8', () => {
    // One template of 17 fixed words and four slots per row: any two rows share 17 of 25 words (0.68)
    // to 19 of 23 (0.83), close enough that their sketches often agree on 3/4 of positions: without the
    // bits, 36,051 candidate pairs (12 a row); with them, under 1,000 (the pairs of rows differing in
    // four words, two of them hidden by bits other words set, are the ones left).
    const fixed = Array.from({ length: 17 }, (_, i) => `fixed${i}`);
    const rows = Array.from({ length: 3_000 }, (_, i) => new Set([...fixed, `order${i}`, `ticket${i}`, `name${i % 20}`, `city${i % 15}`]));
    const index = new NearDuplicateIndex(undefined, rows.length + 1);
    rows.forEach((row, i) => index.add(i, row, ''));
    index.add(rows.length, new Set([...rows[300], 'kindly']), '');
    const candidates = index.candidates();
    expect(candidates.get(rows.length)).toContain(300);
    const pairs = [...candidates.values()].reduce((sum, earlier) => sum + earlier.length, 0);
    expect(pairs).toBeLessThan(rows.length / 2);
  });
});
