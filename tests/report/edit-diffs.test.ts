import { describe, expect, it } from 'vitest';
import { unifiedDiff } from '../../src/checks/edits/edit-diff.js';
import { editDiffsMarkdown } from '../../src/report/edit-diff-markdown.js';
import { renderDiff } from '../../src/report/html-diff.js';
import type { ResultRecord } from '../../src/types.js';

// The diff an edit check records is document text, written by a user or a model: it must stay text in
// report.md (no fence it can close, no controls) and in report.html (escaped), and stay readable in size.

const record = (diff: string | undefined): ResultRecord => ({
  caseId: 'c1',
  system: 'current',
  repeat: 0,
  status: 'fail',
  checks: [
    { spec: { type: 'edit-kind' }, pass: true, reason: 'a rewrite' },
    { spec: { type: 'edit-scope' }, pass: false, reason: 'x', ...(diff === undefined ? {} : { diff }) },
  ],
  caseHash: 'h',
  startedAt: '2026-11-30T00:00:00Z',
});

describe('edit diffs in the reports', () => {
  it('writes a unified diff without the library preamble, and none for no change', async () => {
    expect(await unifiedDiff('a\nb', 'a\nB')).toBe(['--- document', '+++ edited', '@@ -1,2 +1,2 @@', ' a', '-b', '+B'].join('\n'));
    expect(await unifiedDiff('same', 'same')).toBe('');
    // A newline the edit added at the end is worth saying; two documents without one are not.
    expect(await unifiedDiff('a', 'a\n')).toContain('\\ No newline at end of file');
  });

  it('fences a diff that holds code fences with a longer fence, and shows controls as code points', async () => {
    const diff = await unifiedDiff('```js\nx()\n```', '```js\ny()\n````\u202e');
    const lines = editDiffsMarkdown([{ caseId: 'c1', system: 'current', diff }]);
    const fence = lines.find((line) => line.startsWith('`````'));
    expect(fence).toBe('`````diff');
    expect(lines.join('\n')).toContain('+````[U+202E]');
    expect(lines.at(-1)).toBe('`````');
  });

  it('shows the first 10 edits in report.md and says how many more there are, and cuts a long diff', () => {
    const long = Array.from({ length: 100 }, (_, i) => `+line ${i}`).join('\n');
    const diffs = Array.from({ length: 12 }, (_, i) => ({ caseId: `case-${i}`, system: 'current', diff: long }));
    const text = editDiffsMarkdown(diffs).join('\n');
    expect(text.match(/^case-\d+ · current$/gm)).toHaveLength(10);
    expect(text).toContain('… 2 more edits (see report.html)');
    expect(text).toContain('+line 59\n… 40 more lines');
    expect(text).not.toContain('+line 60');
  });

  it('escapes the diff in report.html and colours added and removed lines', async () => {
    const html = renderDiff(record(await unifiedDiff('<b>old</b>', '</pre><script>alert(1)</script>')));
    expect(html).toContain('<span class="del">-&lt;b&gt;old&lt;/b&gt;</span>');
    expect(html).toContain('<span class="add">+&lt;/pre&gt;&lt;script&gt;alert(1)&lt;/script&gt;</span>');
    expect(html).not.toContain('<script>');
    expect(renderDiff(record(undefined))).toBe('');
  });
});
