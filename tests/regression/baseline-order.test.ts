import { describe, expect, it } from 'vitest';
import { baselineOrder } from '../../src/regression/baseline-order.js';
import { StringColumn } from '../../src/text/string-column.js';

// The streamed baseline writer must put cases where JSON.stringify of one sorted object put them:
// JavaScript's own key order (array indices by number, then UTF-16 code units).

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
}

/** Ids mixing the characters where the orders differ: digits, ASCII, Latin-1, U+E000–U+FFFF, surrogate pairs. */
function randomIds(count: number, random: () => number): string[] {
  const pieces = ['0', '1', '9', '-', 'a', 'B', 'é', '\uE000', '\uFFFD', '\uFF21', '😀', '𝄞', '"', '\\'];
  const ids = new Set<string>(['0', '4294967294', '4294967295', '007', '18446744073709551616']);
  while (ids.size < count) {
    const length = 1 + Math.floor(random() * 4);
    ids.add(Array.from({ length }, () => pieces[Math.floor(random() * pieces.length)]).join(''));
  }
  return [...ids];
}

describe('baselineOrder', () => {
  it('orders ids as Object.keys orders the keys of an object built in sorted order', () => {
    const ids = randomIds(3000, seeded(7));
    const column = new StringColumn();
    for (const id of ids) column.push(id);
    const expected = Object.keys(Object.fromEntries([...ids].sort().map((id) => [id, true])));
    expect([...baselineOrder(column)].map((i) => ids[i])).toEqual(expected);
  });
});
