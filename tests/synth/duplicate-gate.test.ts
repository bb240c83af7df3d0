import { describe, expect, it } from 'vitest';
import { DuplicateGate } from '../../src/synth/duplicate-gate.js';
import type { Case } from '../../src/types.js';
import { makeCase } from '../helpers/make-case.js';

// The gate must drop exactly what `evals validate` would report: its shortlist only saves time.

const words = (n: number, prefix = 'w') => Array.from({ length: n }, (_, i) => `${prefix}${i}`).join(' ');

function sheetOf(...texts: string[]) {
  const cases: Case[] = texts.map((text, i) => makeCase({ id: `s${i + 1}`, row: i + 2, messages: [{ role: 'user', content: text }] }));
  return { file: 'datasets/sheet.csv', columns: ['id', 'input'], cases, warnings: [] };
}

const candidate = (text: string, id = 'new') => makeCase({ id, row: 2, file: 'datasets/new.csv', messages: [{ role: 'user', content: text }] });

describe('DuplicateGate', () => {
  it("drops at the detector's threshold and not below: 9 of 10 words shared is a near-duplicate, 8 of 10 is not", () => {
    const gate = new DuplicateGate(sheetOf(words(10), 'what is the capital of peru'));
    // 10 words vs the sheet's 10, 9 shared, union 11: Jaccard 9/11 = 0.82 (kept); 9 of the 10 words alone: 9/10 = 0.9 (dropped).
    expect(gate.check(candidate(`${words(9)} other`))).toBeUndefined();
    expect(gate.check(candidate(words(9)))).toEqual({ of: 'sheet', id: 's1', text: words(10) });
    expect(gate.check(candidate('What is the capital of Peru?!'))).toMatchObject({ of: 'sheet', id: 's2' });
  });

  it('compares with the rows kept so far, and two inputs without words by their text', () => {
    const gate = new DuplicateGate(sheetOf('???'));
    expect(gate.check(candidate('???'))).toMatchObject({ of: 'sheet', id: 's1' });
    expect(gate.check(candidate('!!!'))).toBeUndefined();
    const first = candidate('remind me to call the plumber at nine tomorrow morning please', 'n1');
    expect(gate.check(first)).toBeUndefined();
    gate.keep(first);
    expect(gate.check(candidate('Remind me to call the plumber at nine tomorrow morning, please.', 'n2'))).toMatchObject({ of: 'new', id: 'n1' });
  });
});
