import type { StringColumn } from '../text/string-column.js';

// The order of a baseline's cases. baseline.json was first written as one object (sortKeys, then
// JSON.stringify), so its cases are in JavaScript's own key order: ids that are array indices
// ("0", "17"; not "007" or "-1") first, by number, then every other id by UTF-16 code units.
// Written case by case now, it keeps that order so the committed file does not change.

const ARRAY_INDEX = /^(?:0|[1-9][0-9]{0,9})$/;
const MAX_ARRAY_INDEX = 2 ** 32 - 2;

/** Entries 0…n-1 of `ids` sorted into baseline order; equal ids (a case's results) stay in entry order. */
export function baselineOrder(ids: StringColumn): Uint32Array {
  // Each id's array index, or -1: decoded once, not on every comparison.
  const index = new Float64Array(ids.length);
  for (let i = 0; i < ids.length; i++) {
    const id = ids.get(i);
    const n = ARRAY_INDEX.test(id) ? Number(id) : -1;
    index[i] = n <= MAX_ARRAY_INDEX ? n : -1;
  }
  const order = new Uint32Array(ids.length).map((_, i) => i);
  return order.sort((x, y) => {
    const a = index[x];
    const b = index[y];
    if (a >= 0 || b >= 0) return a < 0 ? 1 : b < 0 ? -1 : a - b || x - y;
    return ids.compareUtf16(x, y) || x - y;
  });
}
