import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { assessRun } from '../../src/regression/assess-run.js';
import { findDisagreements, MAX_DISAGREEMENTS } from '../../src/report/disagreement-view.js';
import { closeReportData, loadReportData } from '../../src/report/report-data.js';
import { copyFixtureProject, runCli, runFolders } from '../helpers/cli.js';

// The disagreements view keeps the first 2,000 disagreements in the order it lists them and counts the
// rest, instead of every case where the systems disagree (a million-case run held them all). Two
// recorded (column:) systems disagree on every one of 2,150 cases:
//
//   c0000, c0002, … (label no)   candidate opens (wrong), prompted holds back (right)  rank 0: 1,075 cases
//   c0001, c0003, … (label yes)  candidate opens (right), prompted holds back (wrong)  rank 2: 1,075 cases
//
// So report.html lists every even case, then the first 925 odd ones (c0001 … c1849), and says 150 more;
// report.md its first 20 and 2,130 more.

const CASES = 2150;
const SHOWN = 2000;
const OPEN = '→ canvas(type: document)\nOpened a document.';
const HOLD = 'A short answer inline.';

const caseId = (i: number) => `c${String(i).padStart(4, '0')}`;

function plantedProject(): string {
  const project = copyFixtureProject('toy');
  const lines = ['id,input,should_trigger,candidate_out,prompted_out'];
  for (let i = 0; i < CASES; i++) lines.push([caseId(i), `Request ${i}`, i % 2 ? 'yes' : 'no', OPEN, HOLD].map((cell) => `"${cell}"`).join(','));
  writeFileSync(path.join(project, 'datasets', 'bound.csv'), lines.join('\n') + '\n');
  writeFileSync(
    path.join(project, 'suites', 'bound.yaml'),
    [
      'name: bound',
      'dataset: datasets/bound.csv',
      'systems:',
      '  prompted:  { provider: "column:prompted_out" }',
      '  candidate: { provider: "column:candidate_out" }',
      'checks:',
      '  - { type: tool-called, tool: canvas, expect: "{{should_trigger}}" }',
      'gate: { max_regressions: null, systems: [candidate] }',
      '',
    ].join('\n'),
  );
  return project;
}

let project: string;
let runDir: string;

beforeAll(async () => {
  project = plantedProject();
  const result = await runCli(['run', 'bound', '--reporter', 'terminal'], { cwd: project });
  expect(result.code, result.stderr + result.stdout).toBe(0);
  [runDir] = runFolders(project, 'bound');
}, 120_000);

describe('disagreements: the first 2,000 and a count of the rest', () => {
  test('evals report --format html lists 2,000 worst first and says how many more', async () => {
    const result = await runCli(['report', runDir, '--format', 'html'], { cwd: project });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const html = readFileSync(path.join(runDir, 'report.html'), 'utf8');
    const section = html.slice(html.indexOf('<section id="disagreements">'), html.indexOf('</section>', html.indexOf('<section id="disagreements">')));
    expect(section).toContain('2,150 cases where the systems decide differently');
    const ids = [...section.matchAll(/<tr class="disagreement" data-rank="(\d)"><td class="case-id">(?:<a [^>]*>)?(c\d{4})/g)].map((m) => [m[1], m[2]]);
    expect(ids).toHaveLength(SHOWN);
    const evens = Array.from({ length: CASES / 2 }, (_, k) => ['0', caseId(2 * k)]);
    const odds = Array.from({ length: SHOWN - CASES / 2 }, (_, k) => ['2', caseId(2 * k + 1)]);
    expect(ids).toEqual([...evens, ...odds]);
    expect(section).toContain(`… ${CASES - SHOWN} more (see results.csv)`);
    expect(section).not.toContain('c1851');
  }, 60_000);

  test('the view holds the 2,000 it can show and counts the rest, whatever the run', async () => {
    const assessment = await assessRun(runDir, 'bound', { reportsDir: path.join(project, 'reports'), gate: {} });
    const data = await loadReportData(runDir, assessment);
    try {
      const { shown, total, systems } = findDisagreements(data);
      expect(MAX_DISAGREEMENTS).toBe(SHOWN);
      expect(total).toBe(CASES);
      expect(shown).toHaveLength(SHOWN);
      expect(shown.at(-1)?.caseId).toBe(caseId(1849));
      expect(systems).toEqual(['prompted', 'candidate']);
    } finally {
      closeReportData(data);
    }
  }, 60_000);

  test('evals report --format md lists 20 and counts the other 2,130', async () => {
    const result = await runCli(['report', runDir, '--format', 'md'], { cwd: project });
    expect(result.code, result.stderr).toBe(0);
    const markdown = readFileSync(path.join(runDir, 'report.md'), 'utf8');
    const at = markdown.indexOf('### Disagreements on decisions');
    const section = markdown.slice(at, markdown.indexOf('\n### ', at + 1));
    expect(section).toContain('2,150 cases where the systems decide differently');
    expect(section).toContain('| case | decision | label | prompted | candidate | why |');
    const rows = section.split('\n').filter((line) => /^\| c\d{4} \|/.test(line));
    expect(rows.map((line) => line.slice(2, 7))).toEqual(Array.from({ length: 20 }, (_, k) => caseId(2 * k)));
    expect(section).toContain('… 2,130 more disagreements (see report.html)');
  }, 60_000);
});
