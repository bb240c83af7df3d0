import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { championNotes } from '../../src/report/champion-notes.js';
import { renderHtml } from '../../src/report/html.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { entryOf, writeChampion, type ChampionHeader } from '../../src/store/champion-file.js';
import { RUN_FILES } from '../../src/store/run-dir.js';
import { makeCase } from '../helpers/make-case.js';
import { PAYLOADS, reportFixture } from '../helpers/report-fixture.js';
import { makeTempDir } from '../helpers/temp-dir.js';

// What report.md and report.html say about a comparison with the champion, worked out from the run
// folder's copy of champion.jsonl and its cases. The e2e (tests/e2e/not-in-champion-report.test.ts)
// runs it through the CLI; here: each kind of case, and hostile case ids staying text.

const HEADER: ChampionHeader = {
  champion: 1,
  suite: 'toy',
  system: 'candidate',
  runId: '20260101-000000-aaaa',
  promotedAt: '2026-01-01T00:00:00.000Z',
  repeat: 2,
  identity: { provider: 'openai:m', model: 'm', baseUrl: null, prompt: null, tools: null, promptHash: null, toolsHash: null, paramsHash: null },
};

/** A run folder whose kept champion answered `a` (twice) and `b` as they were asked then. */
function runWithChampion(): string {
  const dir = makeTempDir('champion-notes');
  const answer = { text: 'ok', toolCalls: [] };
  writeChampion(path.join(dir, RUN_FILES.champion), { header: HEADER, entries: [entryOf('a', 1, 'hash-a', answer), entryOf('a', 0, 'hash-a', answer), entryOf('b', 0, 'hash-b', answer)] });
  return dir;
}

const cases = [makeCase({ id: 'a', contentHash: 'hash-a' }), makeCase({ id: 'b', contentHash: 'hash-b-edited' }), makeCase({ id: 'c', contentHash: 'hash-c' })];
const versusChampion = { suite: 'toy', compare: [{ a: 'candidate', b: 'champion', judge: 'openai:j' }] };

describe('championNotes', () => {
  test('a case the champion never saw is added, one asked differently since is changed, one it answered is not named', () => {
    expect(championNotes(runWithChampion(), versusChampion, cases)).toEqual([
      'candidate vs champion: 2 cases not in champion (added since its promotion: c; changed since: b): not judged, neither losses nor ties',
    ]);
  });

  test('nothing to say when the champion answered every case, or no comparison names it', () => {
    expect(championNotes(runWithChampion(), versusChampion, cases.slice(0, 1))).toEqual([]);
    expect(championNotes(makeTempDir('no-champion'), { suite: 'toy', compare: [{ a: 'candidate', b: 'prompted', judge: 'openai:j' }] }, cases)).toEqual([]);
  });

  test('a run that kept no champion says there was none yet, for each comparison naming it, either side', () => {
    const meta = { suite: 'toy', compare: [...versusChampion.compare, { a: 'champion', b: 'prompted', judge: 'human' }] };
    const notes = championNotes(makeTempDir('no-champion'), meta, cases);
    expect(notes).toHaveLength(2);
    expect(notes[0]).toMatch(/^candidate vs champion: not judged: no champion yet \(reports\/toy\/champion\.jsonl\); make one with `(npx )?evals promote <run> --system <name>`$/);
    expect(notes[1]).toMatch(/^champion vs prompted: not judged: no champion yet/);
  });
});

describe('the reports', () => {
  const note = `candidate vs champion: 1 case not in champion (added since its promotion: ${PAYLOADS.script}${PAYLOADS.link}): not judged, neither losses nor ties`;

  test('report.md lists the note under Pairwise comparisons even when nothing was judged, markup escaped', async () => {
    const { data } = await reportFixture({ championNotes: [note] });
    const md = renderMarkdown(data);
    const section = md.slice(md.indexOf('### Pairwise comparisons'));
    expect(section).toMatch(/^### Pairwise comparisons\n\n- candidate vs champion: 1 case not in champion \\\(added since its promotion: &lt;script&gt;/);
    expect(md).not.toContain('<script>');
    expect(md).not.toContain('](javascript:');
  });

  test("report.md shows the no-champion note's command as code, not as escaped backticks", async () => {
    const noChampion = 'candidate vs champion: not judged: no champion yet (reports/toy/champion.jsonl); make one with `evals promote <run> --system <name>`';
    const { data } = await reportFixture({ championNotes: [noChampion] });
    expect(renderMarkdown(data)).toContain('- candidate vs champion: not judged: no champion yet \\(reports/toy/champion.jsonl\\); make one with `evals promote <run> --system <name>`\n');
  });

  test('report.html lists it in the pairwise section as text', async () => {
    const { data } = await reportFixture({ championNotes: [note] });
    const html = renderHtml(data);
    expect(html).toContain(
      '<section id="pairwise"><h2>Pairwise comparisons</h2><ul id="pairwise-champion"><li>candidate vs champion: 1 case not in champion (added since its promotion: &lt;script&gt;window.__pwned=1;alert(1)&lt;/script&gt;',
    );
    expect(html).not.toContain(PAYLOADS.script);
  });

  test('no section when nothing was judged and there is nothing to say about a champion', async () => {
    const { data } = await reportFixture();
    expect(renderMarkdown(data)).not.toContain('### Pairwise comparisons');
    expect(renderHtml(data)).not.toContain('id="pairwise"');
  });
});
