import { describe, expect, it } from 'vitest';
import { CompactStringMap } from '../../src/text/compact-string-map.js';

describe('CompactStringMap', () => {
  it('finds duplicate ids with the row first seen, through many resizes', () => {
    const set = new CompactStringMap(4);
    let repeats = 0;
    for (let i = 0; i < 200_000; i++) if (set.addIfAbsent(`case-${i}`, i + 2) !== undefined) repeats += 1;
    expect(repeats).toBe(0);
    expect(set.size).toBe(200_000);
    expect(set.addIfAbsent('case-0', 999)).toBe(2);
    expect(set.addIfAbsent('case-123456', 999)).toBe(123_458);
    expect(set.addIfAbsent('case-200000', 5)).toBeUndefined();
    expect(set.size).toBe(200_001);
  });

  it('tells apart strings that differ in one character, in case or in Unicode', () => {
    const set = new CompactStringMap();
    for (const [i, id] of ['a', 'A', 'ab', 'ba', 'é', 'e\u0301', '', ' '].entries()) expect(set.addIfAbsent(id, i)).toBeUndefined();
    expect(set.addIfAbsent('e\u0301', 50)).toBe(5);
  });

  it('refuses values it cannot store', () => {
    expect(() => new CompactStringMap().addIfAbsent('x', -1)).toThrow(RangeError);
  });
});
