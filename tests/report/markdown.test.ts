import { describe, expect, test } from 'vitest';
import { renderMarkdown } from '../../src/report/markdown.js';
import { markdownCell, markdownInline } from '../../src/report/markdown-escape.js';
import { reportFixture } from '../helpers/report-fixture.js';

/** The rows of the "Failing cases" table, as arrays of cells (split on unescaped pipes). */
function failingRows(markdown: string): string[][] {
  const section = markdown.slice(markdown.indexOf('### Failing cases'));
  return section
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| case') && !line.startsWith('| ---'))
    .map((line) =>
      line
        .slice(2, -2)
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim()),
    );
}

describe('renderMarkdown', () => {
  test('header names the suite, both runs and the failed gate with each failure', async () => {
    const { data } = await reportFixture();
    const md = renderMarkdown(data);
    expect(md.split('\n').slice(0, 3)).toEqual(['## ❌ gate failed: canvas-trigger', '', 'run `20250102-030405-abcd` · baseline `20250101-000000-base` · 6 cases']);
    expect(md).toContain('- canvas-trigger/candidate: 1 regression \\(max 0\\): write-essay');
  });

  test('a first run without baseline lists its failing cases as new', async () => {
    const { data } = await reportFixture({ withBaseline: false });
    const md = renderMarkdown(data);
    expect(md).toContain('· no baseline ·');
    expect(md.split('\n').find((line) => line.startsWith('| candidate |'))).toContain('| 40.0% | — |');
    expect(failingRows(md).map((r) => `${r[0]}/${r[1]}/${r[2]}`)).toEqual([
      'timeout/candidate/⚠️ errored',
      'capital/prompted/✖ new, failing',
      'pipes/prompted/✖ new, failing',
      'formula/candidate/✖ new, failing',
      'pipes/candidate/✖ new, failing',
      'write-essay/candidate/✖ new, failing',
      'capital/current/✖ new, failing',
    ]);
  });

  test('a passing gate says so', async () => {
    const { data } = await reportFixture();
    data.assessment.gate = { passed: true, failures: [], systems: ['candidate'], pairs: [], rules: ['max_regressions 0 (the default)'], ungated: [] };
    expect(renderMarkdown(data)).toMatch(/^## ✅ gate passed: canvas-trigger/);
  });

  test('a gate that checked no system is not called passed', async () => {
    const { data } = await reportFixture();
    data.assessment.gate = {
      passed: true,
      failures: [],
      systems: [],
      pairs: [],
      rules: ['max_regressions 0 (the default)'],
      ungated: ['current: a recorded column, not gated', 'candidate: no results'],
    };
    const markdown = renderMarkdown(data);
    expect(markdown).toMatch(/^## ⚪ gate not applied: canvas-trigger/);
    expect(markdown).toContain('The gate was not applied: it checked no system \\(current: a recorded column, not gated; candidate: no results\\).');
    expect(markdown).not.toContain('gate passed');
  });

  test('per-system row: before → after, delta, transition counts, McNemar p and the gap to the prompted system', async () => {
    const { data } = await reportFixture();
    const row = renderMarkdown(data)
      .split('\n')
      .find((line) => line.startsWith('| candidate |'));
    expect(row).toBe('| candidate | anthropic:claude-sonnet-4-5 | 60.0% → 40.0% | −20.0 pts | 1 | 1 | 1 | 1 | 0 | 1 | 0.750 | −26.7 pts |');
  });

  test('regressions come first, then errors, then still failing; each row has input, expected, output and reason', async () => {
    const { data } = await reportFixture();
    const rows = failingRows(renderMarkdown(data));
    expect(rows.map((r) => `${r[0]}/${r[1]}`)).toEqual(['write-essay/candidate', 'timeout/candidate', 'capital/prompted', 'pipes/prompted', 'pipes/candidate', 'capital/current', 'formula/candidate']);
    const [essay] = rows;
    expect(essay).toHaveLength(7);
    expect(essay.slice(2)).toEqual([
      '🔴 regressed',
      'Write a 2,000 word essay on tides',
      'Opens canvas with a document',
      '&lt;script&gt;window.\\_\\_pwned=1;alert\\(1\\)&lt;/script&gt;',
      'tool-called: expected canvas to be called; no tool was called',
    ]);
  });

  test('without ideal_behavior the expected cell shows the label columns the checks use', async () => {
    const { data } = await reportFixture();
    const pipes = failingRows(renderMarkdown(data)).find((r) => r[0] === 'pipes' && r[1] === 'candidate')!;
    expect(pipes[3]).toBe('now as a doc<br>with rows');
    expect(pipes[4]).toBe('should\\_trigger: yes');
  });

  test('hostile output cannot add columns, HTML, links or mentions', async () => {
    const { data } = await reportFixture();
    const md = renderMarkdown(data);
    const pipes = failingRows(md).find((r) => r[0] === 'pipes' && r[1] === 'candidate')!;
    expect(pipes).toHaveLength(7);
    expect(pipes[5]).toBe('a \\| b<br>c \\| d \\[x\\]\\(javascript:window.\\_\\_pwned=1\\)');
    expect(md).not.toMatch(/<(script|img|svg)/i);
    expect(md).not.toContain('](javascript:');
    expect(md).toContain('\\@&#8203;SUM\\(A1\\)');
  });

  test('tool calls read as calls', async () => {
    const { data } = await reportFixture();
    const formula = failingRows(renderMarkdown(data)).find((r) => r[0] === 'formula')!;
    expect(formula[5]).toBe('→ canvas\\(type: "document"\\)<br>=HYPERLINK\\("http:&#8203;//evil.example","click"\\)');
  });

  test('caps the case list and says how many more', async () => {
    const { data } = await reportFixture();
    const candidate = data.assessment.regression.systems.find((s) => s.system === 'candidate')!;
    const regression = candidate.cases.find((c) => c.transition === 'regressed')!;
    candidate.cases = Array.from({ length: 60 }, (_, i) => ({ ...regression, caseId: `r${i}` }));
    const md = renderMarkdown(data);
    expect(failingRows(md)).toHaveLength(50);
    expect(md).toContain('… 13 more (see report.html or results.csv)');
  });

  test('warnings and skipped systems are listed', async () => {
    const { data } = await reportFixture();
    const md = renderMarkdown(data);
    expect(md).toContain('- skipped system gemini: set GOOGLE\\_API\\_KEY');
    expect(md).toContain('- ⚠️ candidate: output mentions &lt;script&gt;');
  });

  test('with repeats, pass@k, pass^k and flaky cases per system', async () => {
    const { data } = await reportFixture({ repeat: 3 });
    expect(renderMarkdown(data)).toContain('- candidate: pass@3 60.0%, pass^3 40.0%; flaky: write-essay (1/3)');
  });

  test('no flaky section for single runs', async () => {
    const { data } = await reportFixture();
    expect(renderMarkdown(data)).not.toContain('### Repeats');
  });
});

describe('markdown escaping', () => {
  test('a cell is one line with pipes escaped', () => {
    expect(markdownCell('a|b\r\nc')).toBe('a\\|b<br>c');
  });

  test('inline text folds newlines and escapes images and emphasis', () => {
    expect(markdownInline('![x](http://t/p.png)\n*bold*')).toBe('\\!\\[x\\]\\(http:&#8203;//t/p.png\\) \\*bold\\*');
  });
});
