import type { StringColumn } from '../text/string-column.js';

// The order of a baseline's cases. baseline.json was first written as one object (sortKeys, then
// JSON.stringify), so its cases are in JavaScript's own key order: ids that are array indices
// ("0", "17"; not "007" or "-1") first, by number, then every other id by UTF-16 code units.
// Written case by case now, it keeps that order so the committed file does not change.

const ARRAY_INDEX = /^(?:0|[1-9][0-9]{0,9})$/;
const MAX_ARRAY_INDEX = 2 ** 32 - 2;

/** Not an array index: 2³²-1, one past the largest array index, so every id's number fits 32 bits. */
const NOT_INDEX = MAX_ARRAY_INDEX + 1;

/** Entries 0…n-1 of `ids` sorted into baseline order; equal ids (a case's results) stay in entry order. */
export function baselineOrder(ids: StringColumn): Uint32Array {
  // Each id's array index, or NOT_INDEX: decoded once, not on every comparison (4 bytes an entry).
  const index = new Uint32Array(ids.length);
  const order = new Uint32Array(ids.length);
  for (let i = 0; i < ids.length; i++) {
    const id = ids.get(i);
    const n = ARRAY_INDEX.test(id) ? Number(id) : NOT_INDEX;
    index[i] = n <= MAX_ARRAY_INDEX ? n : NOT_INDEX;
    order[i] = i;
  }
  return order.sort((x, y) => {
    const a = index[x];
    const b = index[y];
    if (a !== NOT_INDEX || b !== NOT_INDEX) return a === NOT_INDEX ? 1 : b === NOT_INDEX ? -1 : a - b || x - y;
    return ids.compareUtf16(x, y) || x - y;
  });
}
