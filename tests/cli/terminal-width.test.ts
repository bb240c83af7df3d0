import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import stringWidth from 'string-width';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { terminalColumns } from '../../src/cli/io.js';
import { renderPairwiseSummary } from '../../src/judge/render-table.js';
import type { PairwiseSummary } from '../../src/judge/summarize.js';
import { startFakeModelServer, type FakeModelServer } from '../helpers/fake-model-server.js';
import { cleanEnv, copyFixtureProject, runCli } from '../helpers/cli.js';
import { canvasBrain, TOY_TRIGGER_IDS } from '../helpers/toy-brain.js';

// The end of `evals run` in a terminal 60 or 80 columns wide: COLUMNS is how a terminal (or a
// script) tells the width, so the CLI is spawned with it, as a user's shell would run it. Tables
// wider than the window would be folded by the terminal into a zig-zag no one can read.

const BROKEN = ['t01', 't03'];

const widest = (text: string) => Math.max(...text.split('\n').map((line) => stringWidth(line)));

describe('evals run in a narrow terminal', () => {
  let server: FakeModelServer;
  let project: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    server = await startFakeModelServer(canvasBrain(TOY_TRIGGER_IDS));
    project = copyFixtureProject('toy');
    // A second suite, so `--all` prints the cross-suite table too.
    const suite = readFileSync(path.join(project, 'suites', 'toy.yaml'), 'utf8');
    writeFileSync(path.join(project, 'suites', 'toy-again.yaml'), suite.replace(/^name: toy$/m, 'name: toy-again'));
    env = cleanEnv({ OPENAI_BASE_URL: server.openaiBaseUrl, OPENAI_API_KEY: 'sk-test' });
    const baseline = await runCli(['run', '--all', '--update-baseline', '--no-cache'], { cwd: project, env });
    expect(baseline.code, baseline.stderr).toBe(0);
    // Then the model breaks two cases: regressions to report.
    server.setBrain(canvasBrain(TOY_TRIGGER_IDS.filter((id) => !BROKEN.includes(id))));
  });
  afterAll(() => server.close());

  for (const columns of [60, 80]) {
    it(`at ${columns} columns no line is wider, and the system, pass rate and regressions are all there`, async () => {
      const result = await runCli(['run', '--all', '--no-cache'], { cwd: project, env: { ...env, COLUMNS: String(columns) } });
      expect(result.code, result.stderr).toBe(1);
      const out = result.stdout;
      expect(widest(out), out).toBeLessThanOrEqual(columns);
      // Both systems with their pass rates: current (the sheet) 90%, candidate 8 of 10.
      expect(out).toMatch(/│ current\s+│.*│\s+90\.0% │/);
      expect(out).toMatch(/│ candidate\s+│.*│\s+80\.0% │/);
      expect(out).toMatch(/-20\.0 pts, McNemar p=0\.25\); 2\s+regressed/);
      for (const id of BROKEN) expect(out).toMatch(new RegExp(`regressed ${id}\\b`));
      expect(out).toContain('gate failed: toy/candidate: 2 regressions (max 0): t01, t03');
      // The cross-suite table keeps the suites, their regressions and the failed gate.
      expect(out).toMatch(/│ toy-again\s+│ candidate\s+│.*│\s+2\s+│.*FAILED/);
      // Which columns were left out is said once, though each suite printed a table.
      const notes = out.split('\n').filter((line) => line.startsWith('(left out to fit'));
      expect(notes.length, out).toBeGreaterThanOrEqual(1);
      expect(out.match(/\bp95\b/g) ?? []).toHaveLength(1);
      expect(notes[0]).toContain(`left out to fit ${columns} columns: `);
    });
  }

  it('piped without COLUMNS, tables are printed whole, as wide as their content', async () => {
    const result = await runCli(['run', 'toy', '--no-cache'], { cwd: project, env });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/│ system\s+│ provider\s+│ pass │ fail │ error │ pass rate │ tokens in\/out │ +cost │ +p50 │ +p95 │/);
    expect(widest(result.stdout)).toBeGreaterThan(100);
    expect(result.stdout).not.toContain('left out to fit');
  });
});

describe('renderPairwiseSummary at a width', () => {
  const summary = {
    comparisons: [
      {
        a: 'candidate-with-a-long-name',
        b: 'prompted-baseline',
        judge: 'llm:openai:gpt-4o-2024-08-06',
        n: 40,
        cases: 40,
        wins: 25,
        losses: 10,
        ties: 5,
        errors: 0,
        winRate: 0.6875,
        low: 0.53,
        high: 0.81,
        intervalMethod: 'wilson',
        consistencyRate: 0.9,
        avgLengthA: 812,
        avgLengthB: 640,
      },
    ],
    ratings: [],
    agreement: [],
  } as unknown as PairwiseSummary;

  it('keeps the comparison, win rate and interval, and names what it left out', () => {
    const wide = renderPairwiseSummary(summary);
    expect(widest(wide.text)).toBeGreaterThan(60);
    const narrow = renderPairwiseSummary(summary, 60);
    expect(widest(narrow.text)).toBeLessThanOrEqual(60);
    expect(narrow.text).toContain('68.8%');
    expect(narrow.text).toContain('53.0%–81.0%');
    // The comparison wrapped in its column, every character of it kept.
    const body = narrow.text.split('\n').slice(narrow.text.split('\n').findIndex((line) => line.startsWith('├')) + 1, -1);
    expect(body.map((line) => line.split('│')[1].trim()).join(' ')).toBe('candidate-with- a-long-name vs prompted- baseline');
    expect(narrow.dropped.length).toBeGreaterThan(0);
    expect(narrow.dropped).toContain('avg length a/b');
  });
});

describe('terminalColumns', () => {
  it("fits a terminal's width, leaves a pipe wide, and lets COLUMNS choose either way", () => {
    expect(terminalColumns({}, { isTTY: true, columns: 72 })).toBe(72);
    expect(terminalColumns({}, { isTTY: false, columns: undefined })).toBeUndefined();
    expect(terminalColumns({ COLUMNS: '60' }, { isTTY: true, columns: 72 })).toBe(60);
    expect(terminalColumns({ COLUMNS: '60' }, {})).toBe(60);
    expect(terminalColumns({ COLUMNS: 'wide' }, {})).toBeUndefined();
  });
});
