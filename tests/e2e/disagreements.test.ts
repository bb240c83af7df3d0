import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser.js';
import { cleanEnv, copyFixtureProject, runCli, runFolders } from '../helpers/cli.js';
import { startFakeModelServer } from '../helpers/fake-model-server.js';
import { HOSTILE } from '../helpers/hostile-corpus.js';
import { canvasBrain, TOY_TRIGGER_IDS, toyCaseId } from '../helpers/toy-brain.js';

// Disagreements first (issue 16 item 5), end to end: three recorded (column:) systems decide whether
// Canvas opens. `candidate` is the gated system; `prompted` and `current` are references.
//
//   a00        yes  all three open Canvas                         no disagreement
//   r01        yes  candidate opens (right), the others hold back  rank 2: the candidate is right
//   h02        yes  candidate holds back (wrong) with the hostile corpus as its text; the others open
//                   rank 0, its why and notes hostile too
//   n03…n26    no   candidate opens (wrong), the others hold back   rank 0 (24 cases)
//   big27      yes  candidate opens with a 2,000-character answer, prompted holds back, current opens: rank 2
//   t28…t32    no   nobody opens                                      no disagreement
//
// So 27 disagreements: h02, n03…n26 first (dataset order), then r01 and big27.
// Candidate: TP 3 (a00, r01, big27), FP 24, TN 5, FN 1 (h02).
// Prompted:  TP 2 (a00, h02), FP 0, TN 29, FN 2 (r01, big27).
// Current:   TP 3 (a00, h02, big27), FP 0, TN 29, FN 1 (r01).

const OPEN = '→ canvas(type: document)\nOpened a document with a first draft.';
const HOLD = 'Here is a short answer inline.';
// Without NUL: a CSV holding one is refused as not text, before any report.
const HOSTILE_TEXT = HOSTILE.join('\n').replace(/\u0000/g, '');
const LONG = `→ canvas(type: document)\n${'A long draft sentence that goes on. '.repeat(56)}THE-END-OF-THE-LONG-ANSWER`;

const quote = (cell: string) => `"${cell.replace(/"/g, '""')}"`;

interface Row {
  id: string;
  label: 'yes' | 'no';
  candidate: string;
  prompted: string;
  current: string;
  why?: string;
  notes?: string;
}

function plantedRows(): Row[] {
  const rows: Row[] = [
    { id: 'a00', label: 'yes', candidate: OPEN, prompted: OPEN, current: OPEN },
    { id: 'r01', label: 'yes', candidate: OPEN, prompted: HOLD, current: HOLD, why: 'Asked for an essay to iterate on.' },
    { id: 'h02', label: 'yes', candidate: HOSTILE_TEXT, prompted: OPEN, current: OPEN, why: HOSTILE_TEXT, notes: `${HOSTILE[9]} ${HOSTILE[11]}` },
  ];
  for (let i = 3; i <= 26; i++) {
    rows.push({
      id: `n${String(i).padStart(2, '0')}`,
      label: 'no',
      candidate: OPEN,
      prompted: HOLD,
      current: HOLD,
      why: `A quick question, number ${i}.`,
      notes: i === 3 ? 'the first false trigger' : undefined,
    });
  }
  rows.push({ id: 'big27', label: 'yes', candidate: LONG, prompted: HOLD, current: OPEN, why: 'A long document.' });
  for (let i = 28; i <= 32; i++) rows.push({ id: `t${i}`, label: 'no', candidate: HOLD, prompted: HOLD, current: HOLD });
  return rows;
}

function plantedProject(): string {
  const project = copyFixtureProject('toy');
  const lines = ['id,input,should_trigger,why,notes,candidate_out,prompted_out,current_out'];
  for (const r of plantedRows()) lines.push([r.id, `Request ${r.id}`, r.label, r.why ?? '', r.notes ?? '', r.candidate, r.prompted, r.current].map(quote).join(','));
  writeFileSync(path.join(project, 'datasets', 'disagree.csv'), lines.join('\n') + '\n');
  writeFileSync(
    path.join(project, 'suites', 'disagree.yaml'),
    [
      'name: disagree',
      'dataset: datasets/disagree.csv',
      'systems:',
      '  current:   { provider: "column:current_out" }',
      '  prompted:  { provider: "column:prompted_out" }',
      '  candidate: { provider: "column:candidate_out" }',
      'checks:',
      '  - { type: tool-called, tool: canvas, expect: "{{should_trigger}}" }',
      'costs: { false_positive: 1, false_negative: 3 }',
      'gate: { max_regressions: null, systems: [candidate] }',
      '',
    ].join('\n'),
  );
  return project;
}

const EXPECTED_ORDER = ['h02', ...Array.from({ length: 24 }, (_, i) => `n${String(i + 3).padStart(2, '0')}`), 'r01', 'big27'];

let project: string;
let runDir: string;
let browser: Browser;

beforeAll(async () => {
  project = plantedProject();
  const result = await runCli(['run', 'disagree', '--reporter', 'md,html,xlsx'], { cwd: project });
  expect(result.code, result.stderr + result.stdout).toBe(0);
  [runDir] = runFolders(project, 'disagree');
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

describe('disagreements on decisions, first in the reports', () => {
  it('report.md: before the failing cases, a candidate wrong where the prompted system is right first, capped at 20 rows', () => {
    const markdown = readFileSync(path.join(runDir, 'report.md'), 'utf8');
    const at = markdown.indexOf('### Disagreements on decisions');
    expect(at).toBeGreaterThan(markdown.indexOf('### Decisions (yes/no labels)'));
    expect(at).toBeLessThan(markdown.indexOf('### Failing cases'));
    const section = markdown.slice(at, markdown.indexOf('### Failing cases'));
    expect(section).toContain('27 cases where the systems decide differently');
    expect(section).toContain('| case | decision | label | current | prompted | candidate | why |');
    const rows = section.split('\n').filter((line) => /^\| (?!case |---)/.test(line));
    expect(rows.map((line) => line.split(' | ')[0].slice(2))).toEqual(EXPECTED_ORDER.slice(0, 20));
    expect(section).toContain('… 7 more disagreements (see report.html)');

    // One false trigger, whole: the label, each system's decision and output, the why and the notes.
    const n03 = rows.find((line) => line.startsWith('| n03 |'))!.split(' | ');
    expect(n03[1]).toBe('should\\_trigger: tool-called canvas');
    expect(n03[2]).toBe('should\\_trigger: no');
    expect(n03[3]).toBe('**held back ✓ right**<br>Here is a short answer inline.');
    expect(n03[4]).toBe('**held back ✓ right**<br>Here is a short answer inline.');
    expect(n03[5]).toBe('**acted ✗ wrong**<br>→ canvas\\(type: "document"\\)<br>Opened a document with a first draft.');
    expect(n03[6]).toBe('why: A quick question, number 3.<br>notes: the first false trigger |');

    // The hostile row is inert: no HTML, no live mention or link, no table break, no control character.
    const h02 = rows[0];
    expect(h02).toContain('**held back ✗ wrong**');
    expect(h02).toContain('&lt;script&gt;alert\\(1\\)&lt;/script&gt;');
    expect(h02).not.toMatch(/<(script|img)/);
    expect(h02).not.toMatch(/(^|[^\\])@octocat/);
    expect(h02).toContain('https:&#8203;//evil.example');
    expect(h02).toContain('\\| pipe \\|');
    expect(h02).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(h02.split(' | ')).toHaveLength(7);
  });

  it('report.html in Chromium: every disagreement in order, outputs whole (a long one folded), hostile text shown as text', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(pathToFileURL(path.join(runDir, 'report.html')).href, { waitUntil: 'load' });

    // The section comes before the other per-case sections.
    const sections = await page.$$eval('section', (all) => all.map((s) => s.id));
    expect(sections.indexOf('disagreements')).toBeGreaterThan(sections.indexOf('decisions'));
    expect(sections.indexOf('disagreements')).toBeLessThan(sections.indexOf('transitions'));
    expect(sections.indexOf('disagreements')).toBeLessThan(sections.indexOf('cases'));

    const heads = await page.$$eval('#disagreement-table thead th', (ths) => ths.map((th) => th.textContent));
    expect(heads).toEqual(['case', 'decision', 'label', 'current', 'prompted', 'candidate', 'why / notes']);
    const ids = await page.$$eval('#disagreement-table tbody tr', (rows) => rows.map((row) => row.querySelector('td')!.textContent));
    expect(ids).toEqual(EXPECTED_ORDER);

    const cells = (id: string) =>
      page.$$eval(`#disagreement-table tbody tr`, (rows, wanted) => [...rows.find((row) => row.querySelector('td')!.textContent === wanted)!.querySelectorAll('td')].map((td) => td.innerText), id);
    const n03 = await cells('n03');
    expect(n03[2]).toBe('should_trigger: no');
    expect(n03[5]).toContain('acted ✗ wrong');
    expect(n03[5]).toContain('→ canvas(type: "document")');
    expect(n03[5]).toContain('Opened a document with a first draft.');
    expect(n03[4]).toContain('held back ✓ right');
    expect(n03[6]).toContain('A quick question, number 3.');
    expect(n03[6]).toContain('the first false trigger');

    // The hostile output and why arrive as text: no element made from them, no script run.
    const h02 = page.locator('#disagreement-table tbody tr').first();
    expect(await h02.locator('script, img, a[href^="javascript"]').count()).toBe(0);
    const candidateText = await h02.locator('td[data-system="candidate"] pre').textContent();
    expect(candidateText).toContain('<script>alert(1)</script><img src=x onerror=alert(1)>');
    expect(candidateText).toContain('[link](javascript:alert(1))');
    expect(await h02.locator('dl.pm').textContent()).toContain('ping @octocat and @github/security');
    expect(dialogs).toEqual([]);

    // The long answer is folded, and opening it shows all of it (nothing cut).
    const big = page.locator('#disagreement-table tbody tr', { hasText: 'big27' });
    const fold = big.locator('td[data-system="candidate"] details');
    expect(await fold.locator('pre').isVisible()).toBe(false);
    await fold.locator('summary').click();
    const whole = await fold.locator('pre').innerText();
    expect(whole.length).toBeGreaterThan(2000);
    expect(whole).toContain('THE-END-OF-THE-LONG-ANSWER');
    await page.close();
  });

  it('results.xlsx Summary: per system TP/FP/TN/FN, precision, recall, FPR with intervals as text, and cost', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path.join(runDir, 'results.xlsx'));
    const sheet = book.getWorksheet('Summary')!;
    const values = (r: number) => (sheet.getRow(r).values as ExcelJS.CellValue[]).slice(1);
    let title = 0;
    sheet.eachRow((row, r) => {
      if (row.getCell(1).value === 'Decisions (yes/no labels)') title = r;
    });
    expect(title).toBeGreaterThan(0);
    const header = values(title + 1).map(String);
    const rows = [1, 2, 3].map((i) => Object.fromEntries(header.map((name, c) => [name, values(title + 1 + i)[c]])));
    // Reference values by the Wilson score formula, computed by hand in python3 (z = 1.959963984540054):
    //   p = k/n; d = 1 + z²/n; centre = (p + z²/2n)/d; half = z·sqrt(p(1−p)/n + z²/4n²)/d
    //   candidate precision 3/27 [0.0385, 0.2806], recall 3/4 [0.3006, 0.9544], FPR 24/29 [0.6545, 0.9240]
    //   prompted  precision 2/2  [0.3424, 1.0000], recall 2/4 [0.1500, 0.8500], FPR 0/29  [0.0000, 0.1170]
    // Cost per case (FP 1, FN 3): candidate (24 + 3)/33, prompted 6/33, current 3/33.
    expect(rows.map((r) => [r.system, r.TP, r.FP, r.TN, r.FN])).toEqual([
      ['current', 3, 0, 29, 1],
      ['prompted', 2, 0, 29, 2],
      ['candidate', 3, 24, 5, 1],
    ]);
    const [current, prompted, candidate] = rows;
    expect(candidate.decision).toBe('should_trigger: tool-called canvas');
    expect(candidate.precision).toBeCloseTo(3 / 27, 12);
    expect(candidate['precision 95% interval']).toBe('3.9%–28.1%');
    expect(candidate.recall).toBeCloseTo(0.75, 12);
    expect(candidate['recall 95% interval']).toBe('30.1%–95.4%');
    expect(candidate['false-positive rate']).toBeCloseTo(24 / 29, 12);
    expect(candidate['false-positive rate 95% interval']).toBe('65.5%–92.4%');
    expect(prompted.precision).toBe(1);
    expect(prompted['precision 95% interval']).toBe('34.2%–100.0%');
    expect(prompted['recall 95% interval']).toBe('15.0%–85.0%');
    expect(prompted['false-positive rate']).toBe(0);
    expect(prompted['false-positive rate 95% interval']).toBe('0.0%–11.7%');
    expect(candidate['cost/case']).toBeCloseTo(27 / 33, 12);
    expect(prompted['cost/case']).toBeCloseTo(6 / 33, 12);
    expect(current['cost/case']).toBeCloseTo(3 / 33, 12);
    const [low, high] = String(candidate['cost/case 95% interval']).split('–').map(Number);
    expect(low).toBeLessThan(27 / 33);
    expect(high).toBeGreaterThan(27 / 33);
    expect([candidate['cost of a false positive'], candidate['cost of a false negative']]).toEqual([1, 3]);
    // Rates are number cells formatted as percent; the systems' table above keeps its own formats.
    const candidateRow = sheet.getRow(title + 4);
    expect(candidateRow.getCell(header.indexOf('precision') + 1).numFmt).toBe('0.0%');
    expect(candidateRow.getCell(header.indexOf('TP') + 1).numFmt ?? 'General').not.toContain('%');
    expect(sheet.getCell('C2').numFmt).toBe('0.0%');
  });
});

describe('disagreements with repeats', () => {
  it('a system decides by the majority of its repeats, and the report says how many acted', async () => {
    // The toy suite, 3 repeats: the candidate (fake OpenAI model) opens Canvas on 2 of 3 repeats of t02 (labelled no)
    // and on 1 of 3 of t01 (labelled yes); elsewhere it decides like the label, as does the recorded current.
    const seen = new Map<string, number>();
    const right = canvasBrain(TOY_TRIGGER_IDS);
    const server = await startFakeModelServer((request) => {
      const id = toyCaseId(request);
      const n = (seen.get(id) ?? 0) + 1;
      seen.set(id, n);
      const opens = id === 't02' ? n <= 2 : id === 't01' ? n === 1 : undefined;
      if (opens === undefined) return right(request);
      return opens ? { toolCalls: [{ name: 'canvas', arguments: { type: 'document', title: id } }] } : { text: `Inline answer for ${id}.` };
    });
    try {
      const project = copyFixtureProject('toy');
      const env = cleanEnv({ OPENAI_BASE_URL: server.openaiBaseUrl, OPENAI_API_KEY: 'sk-test' });
      const result = await runCli(['run', 'toy', '--repeat', '3', '--no-cache', '--no-gate', '--reporter', 'md'], { cwd: project, env });
      expect(result.code, result.stderr + result.stdout).toBe(0);
      const markdown = readFileSync(path.join(runFolders(project, 'toy')[0], 'report.md'), 'utf8');
      const section = markdown.slice(markdown.indexOf('### Disagreements on decisions'), markdown.indexOf('### Failing cases'));
      const rows = section.split('\n').filter((line) => /^\| t\d\d \|/.test(line));
      // t09: the recorded current misses it and the candidate does not: a candidate right comes last.
      expect(rows.map((line) => line.slice(2, 5))).toEqual(['t01', 't02', 't09']);
      const [t01, t02, t09] = rows.map((line) => line.split(' | '));
      expect(t09[4]).toBe('**acted \\(3/3 repeats acted\\) ✓ right**<br>→ canvas\\(type: "document", title: "t09"\\)');
      expect(t01[3]).toBe('**acted \\(3/3 repeats acted\\) ✓ right**<br>→ canvas\\(type: "document", title: "Printing press"\\)');
      // Held back on 2 of 3: the output shown is one that held back.
      expect(t01[4]).toBe('**held back \\(1/3 repeats acted\\) ✗ wrong**<br>Inline answer for t01.');
      expect(t02[4]).toBe('**acted \\(2/3 repeats acted\\) ✗ wrong**<br>→ canvas\\(type: "document", title: "t02"\\)');
    } finally {
      await server.close();
    }
  }, 120_000);
});
