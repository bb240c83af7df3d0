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

  it('replaces a value with set, adding the string when it is new (the assessment keeps bits of systems so)', () => {
    const map = new CompactStringMap(4);
    for (let i = 0; i < 1_000; i++) map.set(`case-${i}`, 1);
    for (let i = 0; i < 1_000; i += 2) map.set(`case-${i}`, (map.get(`case-${i}`) ?? 0) | 4);
    expect([map.get('case-0'), map.get('case-1'), map.get('case-998'), map.get('case-999'), map.get('case-1000')]).toEqual([5, 1, 5, 1, undefined]);
    expect(map.size).toBe(1_000);
    expect(() => map.set('case-1', 2 ** 31)).toThrow(RangeError);
  });

  it('refuses values it cannot store', () => {
    expect(() => new CompactStringMap().addIfAbsent('x', -1)).toThrow(RangeError);
  });
});
