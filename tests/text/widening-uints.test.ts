import { describe, expect, it } from 'vitest';
import { WideningUints } from '../../src/text/widening-uints.js';

describe('WideningUints', () => {
  it('keeps every value through each widening, and reads 0 where nothing was stored', () => {
    const column = new WideningUints();
    const stored = new Map<number, number>();
    const put = (index: number, value: number) => {
      column.set(index, value);
      stored.set(index, value);
    };
    for (let i = 0; i < 1000; i++) put(i, i % 256);
    put(1500, 300); // needs two bytes
    put(2, 65_535);
    put(3000, 70_000); // needs four
    put(4, 4_294_967_295);
    for (const [index, value] of stored) expect(column.get(index)).toBe(value);
    expect(column.get(1200)).toBe(0);
    expect(column.get(1_000_000)).toBe(0);
  });

  it('stays a byte a value while the values fit one', () => {
    const column = new WideningUints();
    for (let i = 0; i < 100_000; i++) column.set(i, i % 200);
    expect((column as unknown as { values: Uint8Array }).values).toBeInstanceOf(Uint8Array);
    column.set(100_000, 256);
    expect((column as unknown as { values: Uint16Array }).values).toBeInstanceOf(Uint16Array);
    expect(column.get(99_999)).toBe(99_999 % 200);
  });
});
