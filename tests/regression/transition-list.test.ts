import { describe, expect, test } from 'vitest';
import { TransitionColumns } from '../../src/regression/transition-list.js';

// Reports look a case's transition up by its place in the list (report/case-transitions.ts): `at`
// must build the same transition iteration yields there, worst first, and answer as an array's `at`
// does (a plain array satisfies the same interface), counting back from the end for a negative place.

describe('TransitionColumns.at', () => {
  test('the transition at a place in iteration order, from the end for a negative place, undefined outside the list', () => {
    const list = new TransitionColumns('all');
    list.push('b', 'still-passing', false, false, [1, 0, 0], [1, 0, 0], []);
    list.push('a', 'regressed', true, true, [1, 0, 0], [0, 1, 0], ['expected canvas']);
    list.push('c', 'new', false, false, undefined, [0, 0, 1], ['timeout']);
    list.push('d', 'removed', false, false, [0, 1, 0], undefined, []);
    const iterated = [...list];
    expect(iterated.map((c) => c.caseId)).toEqual(['a', 'c', 'd', 'b']);
    for (let i = 0; i < iterated.length; i++) expect(list.at(i)).toEqual(iterated[i]);
    expect(list.at(1)).toMatchObject({ caseId: 'c', transition: 'new', reasons: ['timeout'], after: { status: 'error' } });
    expect(list.at(1)?.before).toBeUndefined();
    expect(list.at(-1)).toEqual(iterated.at(-1));
    expect(list.at(-4)).toEqual(iterated.at(-4));
    expect(list.at(-5)).toBeUndefined();
    expect(list.at(4)).toBeUndefined();
  });
});
