import { describe, expect, test } from 'vitest';
import { renderMarkdown } from '../../src/report/markdown.js';
import type { JudgmentRecord } from '../../src/judge/types.js';
import { JUDGE, JUDGMENTS, reportFixture } from '../helpers/report-fixture.js';

/** The rows of the table under a heading, as arrays of cells (split on unescaped pipes). */
function tableRows(markdown: string, heading: string): string[][] {
  const start = markdown.indexOf(heading);
  expect(start).toBeGreaterThan(-1);
  const lines = markdown.slice(start).split('\n').slice(1);
  const first = lines.findIndex((line) => line.startsWith('| '));
  const table = lines.slice(
    first,
    lines.findIndex((line, i) => i > first && !line.startsWith('|')),
  );
  return table.slice(2).map((line) =>
    line
      .slice(2, -2)
      .split(/(?<!\\)\|/)
      .map((cell) => cell.trim()),
  );
}

describe('report.md pairwise sections', () => {
  test('one row per comparison and judge: n, wins/losses/ties, win rate with its Wilson interval, consistency, lengths', async () => {
    const { data } = await reportFixture({ judgments: JUDGMENTS });
    const rows = tableRows(renderMarkdown(data), '### Pairwise comparisons');
    // candidate vs prompted (LLM): 2 wins, 1 loss (much better), 2 ties (one inconsistent) → 3/5 = 60%;
    // Wilson 95% for 3 of 5 is [0.2307, 0.8824]. 4 of 5 pairs kept their verdict when swapped.
    expect(rows[0]).toEqual(['candidate vs prompted', JUDGE, '5', '2/1/2', '0/1', '60.0% [23.1%, 88.2%]', '80.0%', '65/19']);
    expect(rows[1].slice(0, 7)).toEqual(['candidate vs current', JUDGE, '3', '1/2/0', '0/0', '33.3% [6.1%, 79.2%]', '100.0%']);
    // People have no orders; ana's two pairs: candidate 42 and 52 characters, prompted 41 and 6.
    expect(rows[2]).toEqual(['candidate vs prompted', 'human \\(ana\\)', '2', '1/1/0', '0/0', '50.0% [9.5%, 90.5%]', '—', '47/24']);
  });

  test('the section sits after the per-system table and before the warnings', async () => {
    const { data } = await reportFixture({ judgments: JUDGMENTS });
    const md = renderMarkdown(data);
    expect(md.indexOf('| candidate | anthropic')).toBeLessThan(md.indexOf('### Pairwise comparisons'));
    expect(md.indexOf('### Pairwise comparisons')).toBeLessThan(md.indexOf('- ⚠️ candidate'));
  });

  test('Bradley–Terry ratings for the judge that compared three systems, best first, and agreement lines', async () => {
    const { data } = await reportFixture({ judgments: JUDGMENTS });
    const md = renderMarkdown(data);
    const ratings = tableRows(md, `#### Ratings (Bradley–Terry, ${JUDGE})`);
    expect(ratings.map((r) => `${r[0]} ${r[1]}`)).toEqual(['1 current', '2 candidate', '3 prompted']);
    const current = data.pairwise!.ratings[0].ratings[0];
    expect(ratings[0].slice(2, 4)).toEqual([String(Math.round(current.rating)), `${Math.round(current.low)}–${Math.round(current.high)}`]);
    expect(ratings[1][5]).toBe('3/3/2');
    expect(md).not.toContain('#### Ratings (Bradley–Terry, human)');
    expect(md).toContain(`- human:ana vs ${JUDGE}: 100.0% agree, κ 1.00, 2 shared pairs`);
  });

  test('cases lost: strong losses first, then losses, then inconsistent pairs, with both orders un-swapped', async () => {
    const { data } = await reportFixture({ judgments: JUDGMENTS });
    const md = renderMarkdown(data);
    expect(md).toContain('4 lost, 1 inconsistent (case × comparison × judge)');
    const rows = tableRows(md, '### Pairwise cases lost');
    expect(rows.map((r) => `${r[0]}/${r[1]}/${r[2]}/${r[3]}`)).toEqual([
      `write-essay/candidate vs prompted/${JUDGE}/prompted \\(much better\\)`,
      `write-essay/candidate vs current/${JUDGE}/current`,
      'write-essay/candidate vs prompted/human:ana/prompted',
      `formula/candidate vs current/${JUDGE}/current`,
      `pipes/candidate vs prompted/${JUDGE}/inconsistent → tie`,
    ]);
    const pipes = rows[4];
    expect(pipes).toHaveLength(6);
    expect(pipes[4]).toBe('now as a doc<br>with rows');
    expect(pipes[5].split('<br>')).toEqual([
      'candidate as A, prompted as B, answered A → candidate: A is clearer',
      'prompted as A, candidate as B, answered A → prompted: A is clearer &lt;script&gt;window.\\_\\_pwned=1;alert\\(1\\)&lt;/script&gt;',
    ]);
  });

  test('hostile reasoning and comments stay text', async () => {
    const { data } = await reportFixture({ judgments: JUDGMENTS });
    const md = renderMarkdown(data);
    expect(md).toContain('A only prints &lt;img src=x onerror="window.\\_\\_pwned=1;alert\\(1\\)"&gt;');
    expect(md).not.toMatch(/<(script|img|svg)/i);
  });

  test('caps the lost list at 20 rows and says how many more', async () => {
    const loss = JUDGMENTS[5];
    const many: JudgmentRecord[] = Array.from({ length: 25 }, (_, i) => ({ ...loss, caseId: `c${i}` }));
    const { data } = await reportFixture({ judgments: many });
    const md = renderMarkdown(data);
    expect(tableRows(md, '### Pairwise cases lost')).toHaveLength(20);
    expect(md).toContain('… 5 more (see report.html)');
  });

  test('a run without judgments has no pairwise sections', async () => {
    const { data } = await reportFixture();
    const md = renderMarkdown(data);
    expect(md).not.toContain('Pairwise');
  });
});
