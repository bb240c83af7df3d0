import { describe, expect, it } from 'vitest';
import { duplicateInputs } from '../../src/validate/duplicates.js';
import { jaccard } from '../../src/validate/similarity.js';
import { csv, lines, loadCases } from './support.js';

const echo = { systems: ['bot: { provider: "exec:echo" }'], checks: ['{ type: not-contains, value: "As an AI" }'] };

describe('duplicate inputs', () => {
  it('reports the same input twice as an error at the later row, naming both rows', async () => {
    const suite = await loadCases(
      csv([
        ['id', 'input'],
        ['a', 'Write a cover letter for a nursing job'],
        ['b', 'What is the capital of France?'],
        ['c', '  write a COVER letter   for a nursing job'],
      ]),
      echo,
    );
    expect(lines(duplicateInputs(suite.dataset))).toEqual([
      'error: datasets/cases.csv:4: column "input": rows 2 and 4 have the same input (ids "a" and "c"); a repeated case counts twice in every pass rate: delete one, or change one if both are meant',
    ]);
  });

  it('reports each repeat of a row once, against the first occurrence', async () => {
    const suite = await loadCases(
      csv([
        ['id', 'input'],
        ['a', 'hello'],
        ['b', 'Hello'],
        ['c', 'HELLO'],
      ]),
      echo,
    );
    expect(duplicateInputs(suite.dataset).map((f) => f.message.slice(0, 16))).toEqual(['rows 2 and 3 hav', 'rows 2 and 4 hav']);
  });

  it('compares whole conversations, so the same last turn after a different history is not a duplicate', async () => {
    const suite = await loadCases(
      csv([
        ['id', 'input'],
        ['a', 'user: here is my essay\nassistant: Nice!\nuser: put that in a doc'],
        ['b', 'user: here is my script\nassistant: Nice!\nuser: put that in a doc'],
      ]),
      echo,
    );
    expect(duplicateInputs(suite.dataset).filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('leaves the same words asked at another `now` alone: those are two time cases', async () => {
    const suite = await loadCases(
      csv([
        ['id', 'input', 'now'],
        ['thu', 'Remind me next Friday at 3pm to send the invoice', '2026-11-26T09:00:00'],
        ['fri', 'Remind me next Friday at 3pm to send the invoice', '2026-11-27T09:00:00'],
      ]),
      echo,
    );
    expect(duplicateInputs(suite.dataset)).toEqual([]);
  });

  it('warns about a copied row with one word added, saying which word', async () => {
    const long = 'Please write a 1000-word essay on why city parks matter for kids, families and older people in our town';
    const suite = await loadCases(
      csv([
        ['id', 'input'],
        ['a', long],
        ['b', long.replace('parks matter', 'parks really matter')],
      ]),
      echo,
    );
    expect(lines(duplicateInputs(suite.dataset))).toEqual([
      'warning: datasets/cases.csv:3: column "input": rows 2 and 3 have nearly the same input (ids "a" and "b": differing only in "really"); if both are meant, make the difference matter, otherwise delete one',
    ]);
  });

  it('calls inputs differing only in punctuation near-duplicates', async () => {
    const suite = await loadCases(
      csv([
        ['id', 'input'],
        ['a', 'Thanks a lot!'],
        ['b', 'thanks, a lot'],
      ]),
      echo,
    );
    expect(duplicateInputs(suite.dataset)[0].message).toContain('the same words, differing only in punctuation, case or order');
  });

  it('does not flag deliberate contrast pairs', async () => {
    const suite = await loadCases(
      csv([
        ['id', 'input'],
        ['a', 'remind me at 7'],
        ['b', 'remind me at 7pm'],
        ['c', 'Write a haiku about autumn'],
        ['d', 'Write an essay about autumn'],
      ]),
      echo,
    );
    expect(duplicateInputs(suite.dataset)).toEqual([]);
  });

  it('has no size limit: a near-duplicate among 20,000 rows is found, against its first occurrence', async () => {
    const rows = [['id', 'input']];
    for (let i = 0; i < 20_000; i++) rows.push([`r${i}`, `Case ${i}: ${['plan', 'write', 'fix', 'sort'][i % 4]} the ${i % 7} item list`]);
    const long = 'Please write a 1000-word essay on why city parks matter for kids, families and older people in our town';
    rows.splice(100, 0, ['first', long]);
    rows.push(['copy', long.replace('kids', 'children')]);
    const suite = await loadCases(csv(rows), echo);
    expect(lines(duplicateInputs(suite.dataset))).toEqual([
      'warning: datasets/cases.csv:20003: column "input": rows 101 and 20003 have nearly the same input (ids "first" and "copy": differing only in "kids", "children"); if both are meant, make the difference matter, otherwise delete one',
    ]);
  });
});

describe('duplicate inputs with many candidates', () => {
  it('finds every pair when the candidates have too many words to hold as strings (compared first as word hashes)', async () => {
    // 500 rows of 450 words of their own, each copied later with one word changed (449 of 451 shared):
    // 225,000 words in the earlier rows, more than pass 3 holds, so pass 2 compares them as hashes.
    const originals = Array.from({ length: 500 }, (_, i) => Array.from({ length: 450 }, (_, k) => `w${i}x${k}`));
    const rows = [['id', 'input'], ...originals.map((words, i) => [`o${i}`, words.join(' ')]), ...originals.map((words, i) => [`c${i}`, [...words.slice(1), 'changed'].join(' ')])];
    const findings = duplicateInputs((await loadCases(csv(rows), echo)).dataset);
    expect(findings).toHaveLength(500);
    expect(findings.map((f) => f.message)).toEqual(
      originals.map(
        (_, i) =>
          `rows ${i + 2} and ${i + 502} have nearly the same input (ids "o${i}" and "c${i}": differing only in "w${i}x0", "changed"); if both are meant, make the difference matter, otherwise delete one`,
      ),
    );
  });
});

describe('duplicate inputs on templated rows', () => {
  // 60 fixed words and a number of its own per row: most bands of a row hold only template words, so
  // they are shared by every row, and each row is compared with the window's worth of rows before it.
  const template = Array.from({ length: 60 }, (_, i) => `fixed${i}`).join(' ');
  const rows = (n: number) => [['id', 'input'], ...Array.from({ length: n }, (_, i) => [`r${i}`, `${template} order${i}`])];

  it('says how many rows were compared only with their neighbours in every band, instead of passing them in silence', async () => {
    // Each pair shares 60 of 62 words (0.968): every row is a near-duplicate of the first.
    const findings = duplicateInputs((await loadCases(csv(rows(400)), echo)).dataset);
    const notice = findings.filter((f) => f.severity === 'info');
    expect(notice).toHaveLength(1);
    expect(notice[0].message).toMatch(
      /^near-duplicates: \d+ rows share all their MinHash bands with more than 5 rows \(rows built from a few templates do\), so each was compared with the 4 rows before it in each band, not with every row like it; a near-duplicate among them may go unreported$/,
    );
    const crowded = Number(/(\d+) rows/.exec(notice[0].message)![1]);
    expect(crowded).toBeGreaterThan(0);
    expect(crowded).toBeLessThanOrEqual(400);
    // Still found: every later row is reported (against an earlier row within its reach).
    expect(findings.filter((f) => f.severity === 'warning')).toHaveLength(399);
  });

  it('says nothing of the kind when no band is that crowded', async () => {
    const findings = duplicateInputs((await loadCases(csv(rows(5)), echo)).dataset);
    expect(findings.filter((f) => f.severity === 'info')).toEqual([]);
    expect(findings).toHaveLength(4);
  });
});

describe('jaccard', () => {
  it('is shared words over all words', () => {
    expect(jaccard(new Set(['a', 'b', 'c']), new Set(['b', 'c', 'd']))).toBe(0.5);
    expect(jaccard(new Set(), new Set())).toBe(0);
  });
});
