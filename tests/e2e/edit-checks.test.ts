import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { copyFixtureProject, repoRoot, runCli } from '../helpers/cli.js';

// The edit checks as a user meets them: a sheet of recorded edits to one document, each planted to get
// one verdict and one reason, run through the CLI; the reports show each failing edit as a diff.

const DOCUMENT = [
  '# Team offsite <b>2026</b>',
  '',
  'Hi all, the offsite is on 12 May.',
  '',
  'Attendance is mandatory. Failure to reply by Friday will be noted.',
  '',
  'Trains leave at 9:00. Bring your badge.',
].join('\n');

const HARSH = 'Attendance is mandatory. Failure to reply by Friday will be noted.';
const KIND = "We'd love to see you there: let us know by Friday.";

const recorded = (calls: string[]) => [...calls, 'Done.'].join('\n');
const update = (pattern: string, replacement: string) => `→ update_document(pattern: "${pattern}", replacement: "${replacement}")`;
const rewrite = (content: string) => `→ rewrite_document(content: "${content.replace(/"/g, '\\"')}")`;

// id, edit_kind, output, and per check: [pass, reason] for edit-kind, edit-applies, edit-scope (paragraph 3).
const CORPUS: Array<{ id: string; kind: string; output: string; planted: Array<[boolean, string]> }> = [
  {
    id: 'targeted',
    kind: 'targeted',
    output: recorded([update(HARSH, KIND)]),
    planted: [
      [true, 'a targeted edit (update_document)'],
      [true, 'pattern found once'],
      [true, 'only paragraph 3 changed'],
    ],
  },
  {
    id: 'rewrite',
    kind: 'rewrite',
    output: recorded([rewrite(DOCUMENT.replace(HARSH, KIND))]),
    planted: [
      [true, 'a rewrite (rewrite_document)'],
      [true, 'not applicable (a rewrite, no pattern to match)'],
      [true, 'only paragraph 3 changed'],
    ],
  },
  {
    id: 'wrong-paragraph',
    kind: 'targeted',
    output: recorded([update('Hi all, the offsite is on 12 May.', 'Hi everyone! The offsite is on 12 May.')]),
    planted: [
      [true, 'a targeted edit (update_document)'],
      [true, 'pattern found once'],
      [false, 'paragraph 2 changed; paragraph 3 did not'],
    ],
  },
  {
    id: 'not-found',
    kind: 'targeted',
    output: recorded([update('Attendance is required.', KIND)]),
    planted: [
      [true, 'a targeted edit (update_document)'],
      [false, 'pattern not found: "Attendance is required."'],
      [false, 'the edit does not apply: pattern not found: "Attendance is required."'],
    ],
  },
  {
    id: 'found-twice',
    kind: 'targeted',
    output: recorded([update('offsite', 'away day'), update('the away day', 'our away day')]),
    planted: [
      [true, 'a targeted edit (update_document)'],
      [false, 'edit 1 of 2: pattern found 2 times: "offsite"'],
      [false, 'the edit does not apply: edit 1 of 2: pattern found 2 times: "offsite"'],
    ],
  },
  {
    id: 'whitespace-elsewhere',
    kind: 'targeted',
    output: recorded([rewrite(DOCUMENT.replace(HARSH, KIND).replace('9:00. Bring', '9:00.  Bring'))]),
    planted: [
      [false, 'expected a targeted edit, got a rewrite (rewrite_document)'],
      [true, 'not applicable (a rewrite, no pattern to match)'],
      [false, 'paragraph 4 changed (whitespace only), outside paragraph 3'],
    ],
  },
];

function project(checks: string[]): string {
  const dir = copyFixtureProject('toy');
  const rows = CORPUS.map(({ id, kind, output }) => ({ id, input: `Make the second paragraph friendlier (${id})`, document: DOCUMENT, edit_kind: kind, candidate: output }));
  writeFileSync(path.join(dir, 'datasets', 'edits.csv'), Papa.unparse(rows, { newline: '\n' }) + '\n');
  const suite = ['name: edits', 'dataset: datasets/edits.csv', 'systems:', '  candidate: { provider: "column:candidate" }', 'checks:', ...checks.map((c) => `  - ${c}`), ''];
  writeFileSync(path.join(dir, 'suites', 'edits.yaml'), suite.join('\n'));
  return dir;
}

const CHECKS = ['{ type: edit-kind, expect: "{{edit_kind}}" }', '{ type: edit-applies }', '{ type: edit-scope, paragraph: 3 }'];

function runDir(dir: string): string {
  const folder = path.join(dir, 'reports', 'edits');
  return path.join(folder, readdirSync(folder).filter((name) => /^\d{8}-/.test(name))[0]);
}

describe('edit checks through the CLI', () => {
  it('give each planted edit its verdict and reason, and the reports show the edits as diffs', async () => {
    const dir = project(CHECKS);
    const run = await runCli(['run', 'edits', '--reporter', 'md,html'], { cwd: dir });
    expect(run.stderr).not.toMatch(/error|\n\s+at /i);
    expect(run.code).toBe(0);
    const folder = runDir(dir);
    const results = readFileSync(path.join(folder, 'results.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { caseId: string; status: string; checks: Array<{ pass: boolean; reason: string; diff?: string }> });
    for (const { id, planted } of CORPUS) {
      const result = results.find((r) => r.caseId === id)!;
      expect({ id, checks: result.checks.map((c) => [c.pass, c.reason]) }).toEqual({ id, checks: planted });
      expect(result.status).toBe(planted.every(([pass]) => pass) ? 'pass' : 'fail');
    }

    const markdown = readFileSync(path.join(folder, 'report.md'), 'utf8');
    const edits = markdown.slice(markdown.indexOf('### Edits in failing cases'));
    expect(edits).toContain(
      [
        'wrong-paragraph · candidate',
        '',
        '```diff',
        '--- document',
        '+++ edited',
        '@@ -1,6 +1,6 @@',
        ' # Team offsite <b>2026</b>',
        ' ',
        '-Hi all, the offsite is on 12 May.',
        '+Hi everyone! The offsite is on 12 May.',
      ].join('\n'),
    );
    expect(edits).toContain('-Trains leave at 9:00. Bring your badge.\n+Trains leave at 9:00.  Bring your badge.\n```');
    // Edits that do not apply have no diff; passing cases are not in the failing section.
    expect(edits).not.toContain('not-found · candidate');
    expect(edits).not.toMatch(/^targeted · candidate/m);

    const html = readFileSync(path.join(folder, 'report.html'), 'utf8');
    expect(html).toContain('<span class="del">-Hi all, the offsite is on 12 May.</span>');
    expect(html).toContain('<span class="add">+Hi everyone! The offsite is on 12 May.</span>');
    expect(html).toContain(' # Team offsite &lt;b&gt;2026&lt;/b&gt;');
    expect(html).not.toContain('<b>2026</b>');
  });

  it('refuses an unknown document column and paragraph 0 at load, naming the suite file (exit 2)', async () => {
    const column = project(['{ type: edit-applies, document: documnet }']);
    const unknown = await runCli(['run', 'edits'], { cwd: column });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('suites/edits.yaml');
    expect(unknown.stderr).toContain('checks[0]: document: no column "documnet" in the dataset (did you mean "document"?)');
    expect(unknown.stderr).not.toMatch(/\n\s+at /);

    const zero = project(['{ type: edit-scope, paragraph: 0 }']);
    const refused = await runCli(['validate', 'edits'], { cwd: zero });
    expect(refused.code).toBe(2);
    expect(refused.stdout + refused.stderr).toContain('checks[0]: edit-scope option "paragraph": 0 is not a paragraph number: paragraphs are numbered from 1');

    const missing = project(['{ type: edit-scope, paragraph: 9 }']);
    const row = await runCli(['validate', 'edits'], { cwd: missing });
    expect(row.code).toBe(2);
    expect(row.stdout + row.stderr).toContain('datasets/edits.csv:2: edit-scope option "paragraph": the document has 4 paragraphs, so there is no paragraph 9');
  });

  it('the shipped canvas-edit example validates clean: every ideal passes its own edit checks', async () => {
    const result = await runCli(['validate', 'canvas-edit'], { cwd: repoRoot });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('suites/canvas-edit.yaml: 43 cases, 0 warnings, 0 errors');
    expect(result.stdout).toContain('43/43 ideals pass every check');
    expect(result.stdout).toMatch(/current \(column current_behavior\) passes 22\/43/);
  });
});
