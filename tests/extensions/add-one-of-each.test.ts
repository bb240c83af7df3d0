import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerCheck } from '../../src/checks/registry.js';
import { judgeRun } from '../../src/judge/run-judging.js';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { registerJudge } from '../../src/judge/registry.js';
import { registerProvider } from '../../src/providers/registry.js';
import { registerReporter } from '../../src/report/write-reports.js';
import { readResults } from '../../src/store/read-run.js';
import type { ResultRecord } from '../../src/types.js';
import { reverseProvider } from '../fixtures/extensions/reverse-provider.js';
import { shorterWinsJudge } from '../fixtures/extensions/shorter-wins-judge.js';
import { tsvReporter } from '../fixtures/extensions/tsv-reporter.js';
import { wordCountMaxCheck } from '../fixtures/extensions/word-count-max.js';
import { makeTempDir } from '../helpers/temp-dir.js';

// ARCHITECTURE.md's promise: a check, a provider, a judge and a reporter are each one file (in
// tests/fixtures/extensions/) and one line, and the library's evaluate() runs them like built-ins.

const SUITE = `name: tiny
dataset: datasets/tiny.csv
systems:
  reverse: { provider: "reverse:input" }
  current: { provider: "column:current_behavior" }
checks:
  - { type: word-count-max, max: 3 }
compare:
  - { a: reverse, b: current, judge: shorter-wins }
`;

const DATASET = `id,input,current_behavior
greet,hello world,hi
ok,ok,that is fine by me
abc,abc,xyz
four,one two three four,a much longer answer than the question
`;

async function writeProject(): Promise<string> {
  const dir = makeTempDir('extensions');
  await mkdir(path.join(dir, 'suites'));
  await mkdir(path.join(dir, 'datasets'));
  await writeFile(path.join(dir, 'suites', 'tiny.yaml'), SUITE);
  await writeFile(path.join(dir, 'datasets', 'tiny.csv'), DATASET);
  return dir;
}

const run = (cwd: string) => evaluate({ cwd, suites: ['tiny'], env: {}, cache: false, reporters: ['tsv', 'md'] });

describe('before the four are registered', () => {
  it('the suite is refused when it loads, naming each unknown name', async () => {
    const loading = evaluate({ cwd: await writeProject(), suites: ['tiny'], env: {} });
    await expect(loading).rejects.toThrow(/unknown check type "word-count-max"/);
    await expect(loading).rejects.toThrow(/unknown provider "reverse:"/);
    await expect(loading).rejects.toThrow(/compare\[0\]\.judge: "shorter-wins" is not "human" or a provider id/);
  });

  it('an unknown reporter is refused before any system runs', async () => {
    await expect(evaluate({ cwd: await writeProject(), suites: ['tiny'], env: {}, reporters: ['tsv'] })).rejects.toThrow(/unknown report format "tsv"/);
  });
});

describe('a check, a provider, a judge and a reporter added with one line each', () => {
  const removals: Array<() => void> = [];
  beforeAll(() => {
    removals.push(registerCheck(wordCountMaxCheck));
    removals.push(registerProvider(reverseProvider));
    removals.push(registerJudge(shorterWinsJudge));
    removals.push(registerReporter(tsvReporter));
  });
  afterAll(() => removals.forEach((remove) => remove()));

  it('run in evaluate() like the built-in ones', async () => {
    const evaluation = await run(await writeProject());
    expect(evaluation.problems).toEqual([]);
    const [suite] = evaluation.suites;
    const results: ResultRecord[] = [];
    for await (const result of readResults(suite.outcome.runDir)) results.push(result);
    const of = (system: string) => Object.fromEntries(results.filter((r) => r.system === system).map((r) => [r.caseId, r]));

    // The provider: each input reversed.
    expect(Object.fromEntries(Object.entries(of('reverse')).map(([id, r]) => [id, r.output?.text]))).toEqual({ greet: 'dlrow olleh', ok: 'ko', abc: 'cba', four: 'ruof eerht owt eno' });

    // The check: at most three words, on both systems' outputs, recorded as its spec.
    const verdicts = (system: string) => Object.fromEntries(Object.entries(of(system)).map(([id, r]) => [id, [r.status, r.checks[0].reason]]));
    expect(verdicts('reverse')).toEqual({ greet: ['pass', '2 words (max 3)'], ok: ['pass', '1 word (max 3)'], abc: ['pass', '1 word (max 3)'], four: ['fail', '4 words, more than 3'] });
    expect(verdicts('current')).toEqual({ greet: ['pass', '1 word (max 3)'], ok: ['fail', '5 words, more than 3'], abc: ['pass', '1 word (max 3)'], four: ['fail', '7 words, more than 3'] });
    expect(results[0].checks[0].spec).toEqual({ type: 'word-count-max', max: 3 });

    // The judge: reverse is shorter on ok and four, longer on greet, as long on abc: (2 + ½) / 4.
    const comparison = suite.judging.summary?.comparisons[0];
    expect(comparison).toMatchObject({ a: 'reverse', b: 'current', judge: 'shorter-wins', n: 4, wins: 2, losses: 1, ties: 1, winRate: 0.625 });
    expect(suite.judging.winRates).toMatchObject([{ a: 'reverse', b: 'current', estimate: 0.625 }]);
    // Judging the run again resumes: the judge said what its judgments record, so nothing is judged twice.
    const again = await judgeRun(suite.outcome.runDir, { env: {} });
    expect([again.alreadyJudged, again.judged]).toEqual([4, 0]);

    // The reporter: its file in the run folder, beside the built-in report it was asked for with.
    expect(Object.keys(suite.reports).sort()).toEqual(['md', 'tsv']);
    expect(suite.reports.tsv).toBe(path.join(suite.outcome.runDir, 'results.tsv'));
    expect(readFileSync(suite.reports.tsv, 'utf8')).toBe(
      [
        'case\tsystem\trepeat\tstatus\toutput',
        'greet\treverse\t0\tpass\tdlrow olleh',
        'greet\tcurrent\t0\tpass\thi',
        'ok\treverse\t0\tpass\tko',
        'ok\tcurrent\t0\tfail\tthat is fine by me',
        'abc\treverse\t0\tpass\tcba',
        'abc\tcurrent\t0\tpass\txyz',
        'four\treverse\t0\tfail\truof eerht owt eno',
        'four\tcurrent\t0\tfail\ta much longer answer than the question',
        '',
      ].join('\n'),
    );
  });

  it('each registry refuses a name that is taken, and frees it when unregistered', () => {
    expect(() => registerCheck({ ...wordCountMaxCheck, type: 'contains' })).toThrow('check "contains" is already registered');
    expect(() => registerProvider(reverseProvider)).toThrow('provider "reverse" is already registered');
    expect(() => registerJudge(shorterWinsJudge)).toThrow('judge "shorter-wins" is already registered');
    expect(() => registerReporter({ ...tsvReporter, name: 'md' })).toThrow('reporter "md" is already registered');
    expect(() => registerReporter({ ...tsvReporter, name: 'all' })).toThrow('reporter "all" is already registered');
    const remove = registerReporter({ ...tsvReporter, name: 'tsv2' });
    remove();
    expect(() => registerReporter({ ...tsvReporter, name: 'tsv2' })()).not.toThrow();
  });
});
