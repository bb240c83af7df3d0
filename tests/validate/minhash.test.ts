import { describe, expect, it } from 'vitest';
import { estimatedJaccard, SKETCH_SIZE, writeSketch } from '../../src/validate/minhash.js';
import { NearDuplicateIndex } from '../../src/validate/near-duplicate-index.js';

// Words drawn from a small vocabulary, seeded, so the tests see the same rows every time.
function words(seed: number, count: number): string[] {
  let state = seed;
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0);
  return Array.from({ length: count }, () => `w${next() % 5000}`);
}

function sketches(...sets: string[][]): Uint8Array {
  const out = new Uint8Array(sets.length * SKETCH_SIZE);
  sets.forEach((set, i) => writeSketch(set, out, i * SKETCH_SIZE));
  return out;
}

describe('MinHash sketches', () => {
  it('agree everywhere for the same words in any order', () => {
    const a = words(1, 50);
    expect(estimatedJaccard(sketches(a, [...a].reverse()), 0, 1)).toBe(1);
  });

  it('estimate the Jaccard index: high for a copy with a word changed, low for unrelated text', () => {
    const a = [...new Set(words(2, 400))];
    const edited = [...a.slice(1), 'changed'];
    const other = words(3, 400);
    const s = sketches(a, edited, other);
    expect(estimatedJaccard(s, 0, 1)).toBeGreaterThan(0.85);
    expect(estimatedJaccard(s, 0, 2)).toBeLessThan(0.3);
  });
});

describe('NearDuplicateIndex', () => {
  it('offers a similar pair among many rows as a candidate, and not the dissimilar rows', () => {
    const index = new NearDuplicateIndex();
    const planted = [...new Set(words(7, 60))];
    for (let i = 0; i < 3_000; i++) index.add(i, new Set(i === 1_200 ? planted : words(100 + i, 60)), '');
    index.add(3_000, new Set([...planted.slice(2), 'x', 'y']), '');
    const candidates = index.candidates();
    expect([...candidates]).toEqual([[3_000, [1_200]]]);
  });

  it('never pairs rows of different contexts (another `now`) or with no words', () => {
    const index = new NearDuplicateIndex();
    const same = new Set(words(9, 30));
    index.add(0, same, 'monday');
    index.add(1, same, 'tuesday');
    index.add(2, new Set(), '');
    index.add(3, new Set(), '');
    expect(index.candidates().size).toBe(0);
  });

  it('offers only the nearest four in a run of equal bands by default, more when asked', () => {
    // Ten copies of one word set: every band is one run of ten rows.
    const same = new Set(words(11, 40));
    const nearest = new NearDuplicateIndex();
    const every = new NearDuplicateIndex(Infinity);
    for (let i = 0; i < 10; i++) [nearest, every].forEach((index) => index.add(i, same, ''));
    expect(nearest.candidates().get(9)).toEqual([5, 6, 7, 8]);
    expect(every.candidates().get(9)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });
});
