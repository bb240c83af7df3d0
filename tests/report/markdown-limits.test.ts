import { describe, expect, test } from 'vitest';
import { renderHtml } from '../../src/report/html.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import type { JudgmentRecord, Winner } from '../../src/judge/types.js';
import { CASES, JUDGE, reportFixture } from '../helpers/report-fixture.js';

// report.md fits a PR comment. Sections that grow with raters or systems are cut to their first
// rows, with the count of the rest and a pointer to report.html, which keeps them all: 74 raters
// used to make 2,701 agreement lines (one per pair of raters).

const AT = '2025-01-02T03:06:00.000Z';
const WINNERS: Winner[] = ['a', 'b', 'tie'];

/** 74 people judge candidate vs prompted on every case; rater i picks a winner by (i + case) so they disagree. */
function manyRaters(count: number): JudgmentRecord[] {
  return Array.from({ length: count }, (_, i) =>
    CASES.map((kase, c) => ({ caseId: kase.id, repeat: 0, a: 'candidate', b: 'prompted', judge: `human:rater-${String(i).padStart(2, '0')}`, winner: WINNERS[(i + c) % 3], at: AT })),
  ).flat();
}

/** An LLM judge comparing a candidate with each of `count` other systems: one comparison row and one rating per system. */
function manySystems(count: number): JudgmentRecord[] {
  return Array.from({ length: count }, (_, i) =>
    CASES.map((kase, c) => ({ caseId: kase.id, repeat: 0, a: 'candidate', b: `system-${String(i).padStart(2, '0')}`, judge: JUDGE, winner: WINNERS[(i + c) % 3], consistent: true, at: AT })),
  ).flat();
}

function section(markdown: string, heading: string): string[] {
  const start = markdown.indexOf(heading);
  expect(start).toBeGreaterThan(-1);
  const rest = markdown.slice(start + heading.length);
  const end = rest.search(/\n#{2,4} /);
  return (end === -1 ? rest : rest.slice(0, end)).split('\n').filter(Boolean);
}

describe('report.md sections that grow with raters or systems are capped', () => {
  test('74 raters: the 20 best-supported pairs of raters, the count of the other 2,681, and a short rater list', async () => {
    const { data } = await reportFixture({ judgments: manyRaters(74) });
    expect(data.pairwise!.agreement).toHaveLength(2_701);
    const md = renderMarkdown(data);
    const agreement = section(md, '#### Agreement');
    expect(agreement.filter((line) => line.startsWith('- human:'))).toHaveLength(20);
    expect(agreement).toContain('The 20 pairs of judges (of 2,701) that judged the most pairs in common:');
    expect(agreement).toContain('… 2,681 more pairs of judges (see report.html)');
    expect(md).toContain('human \\(rater-00, rater-01, rater-02, rater-03, rater-04, … and 69 more\\)');
    expect(md.split('\n').length).toBeLessThan(200);
    expect(md.length).toBeLessThan(65_536);
    // report.html keeps every pair.
    expect(renderHtml(data).match(/<li>human:rater-\d\d vs human:rater-\d\d:/g)).toHaveLength(2_701);
  });

  test('30 compared systems: 20 comparison rows and 20 ratings, best first, then the count of the rest', async () => {
    const { data } = await reportFixture({ judgments: manySystems(30) });
    const md = renderMarkdown(data);
    const comparisons = section(md, '### Pairwise comparisons');
    expect(comparisons.filter((line) => line.startsWith('| candidate vs system-'))).toHaveLength(20);
    expect(comparisons).toContain('… 10 more comparisons (see report.html)');
    const ratings = section(md, `#### Ratings (Bradley–Terry, ${JUDGE})`);
    const rows = ratings.filter((line) => /^\| \d+ \|/.test(line));
    expect(rows).toHaveLength(20);
    expect(rows[0]).toMatch(/^\| 1 \|/);
    expect(ratings).toContain('… 11 more systems (see report.html)');
  });

  test('a few raters and systems: nothing is cut and no pointer is added', async () => {
    const { data } = await reportFixture({ judgments: manyRaters(3) });
    const md = renderMarkdown(data);
    expect(section(md, '#### Agreement').filter((line) => line.startsWith('- human:'))).toHaveLength(3);
    expect(md).not.toContain('(see report.html)');
    expect(md).toContain('human \\(rater-00, rater-01, rater-02\\)');
  });
});
