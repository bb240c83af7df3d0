import { expect, it } from 'vitest';
import { dropDuplicates } from '../../src/import/dedupe.js';
import { dropDuplicatesPairwise } from './pairwise-dedupe-reference.js';
import type { Case, Message } from '../../src/types.js';

// The index finds candidates and confirms them; the pairwise rule it replaced is the definition. On
// seeded logs from small vocabularies (many near pairs, clusters, chains, short conversations, repeats
// in capitals or with commas, a sheet of edited copies) both must keep and drop the same conversations,
// each against the same earlier one.

it('import deduplication keeps and drops exactly what comparing every pair does', () => {
  const totals = { exact: 0, near: 0, sheet: 0 };
  let state = 12345;
  const r = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
  for (let trial = 0; trial < 40; trial++) {
    const vocab = 30 + Math.floor(r() * 200);
    const base = Array.from({ length: 60 }, () => Array.from({ length: 3 + Math.floor(r() * 25) }, () => `w${Math.floor(r() * vocab)}`));
    const mutate = (ws: string[]) => {
      const c = [...ws];
      const k = Math.floor(r() * 3);
      for (let i = 0; i < k; i++) {
        const p = Math.floor(r() * (c.length + 1));
        if (r() < 0.5) c.splice(p, 1);
        else c.splice(p, 0, `w${Math.floor(r() * vocab)}`);
      }
      return r() < 0.2 ? c.map((w) => w.toUpperCase()) : c;
    };
    const convs: string[][] = [];
    for (let i = 0; i < 400; i++) convs.push(r() < 0.5 || convs.length === 0 ? base[Math.floor(r() * base.length)] : mutate(convs[Math.floor(r() * convs.length)]));
    const msgs = (ws: string[]): Message[] => [{ role: 'user', content: ws.join(r() < 0.1 ? ', ' : ' ') }];
    const items = convs.map((ws, i) => ({ i, m: msgs(ws) }));
    const sheet: Case[] = convs.slice(0, 30).map((ws, i) => ({ id: `s${i}`, row: i + 2, messages: msgs(mutate(ws)) }) as unknown as Case);
    const a = dropDuplicates(
      items,
      (x) => x.m,
      (x) => `#${x.i}`,
      sheet,
      'sheet.csv',
    );
    const b = dropDuplicatesPairwise(
      items,
      (x) => x.m,
      (x) => `#${x.i}`,
      sheet,
      'sheet.csv',
    );
    expect(a.kept.map((x) => x.i)).toEqual(b.kept.map((x) => x.i));
    expect(a.dropped.map((d) => [d.item.i, d.of, d.exact])).toEqual(b.dropped.map((d) => [d.item.i, d.of, d.exact]));
    for (const d of a.dropped) {
      totals[d.exact ? 'exact' : 'near'] += 1;
      if (d.against === 'sheet') totals.sheet += 1;
    }
  }
  // Not a vacuous agreement: each kind was exercised many times.
  expect(totals.exact).toBeGreaterThan(500);
  expect(totals.near).toBeGreaterThan(500);
  expect(totals.sheet).toBeGreaterThan(100);
});
