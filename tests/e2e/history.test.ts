import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HistoryRecord } from '../../src/history/record.js';
import type { RunSummary } from '../../src/store/summary.js';
import { copyFixtureProject, runCli } from '../helpers/cli.js';
import { canvasBrain, TOY_TRIGGER_IDS } from '../helpers/toy-brain.js';
import { useToyModelServer } from '../helpers/toy-server.js';

// Issue 15 item 1: every whole run of a suite leaves one line in reports/<suite>/history.jsonl, and
// `evals history` shows the trend. Runs the built CLI on the toy fixture against the fake model.

const historyOf = (project: string, suite = 'toy'): HistoryRecord[] => {
  const file = path.join(project, 'reports', suite, 'history.jsonl');
  return existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line))
    : [];
};

const summaryOf = (project: string, runId: string, suite = 'toy'): RunSummary => JSON.parse(readFileSync(path.join(project, 'reports', suite, runId, 'summary.json'), 'utf8'));

/** The record's numbers are the run's summary.json numbers, system by system. */
function expectRecordMatchesSummary(record: HistoryRecord, summary: RunSummary): void {
  const ran = summary.systems.filter((s) => !s.skipped);
  expect(record.systems.map((s) => s.name)).toEqual(ran.map((s) => s.system));
  for (const s of ran) {
    const r = record.systems.find((x) => x.name === s.system)!;
    expect({
      passRate: r.passRate,
      pass: r.pass,
      fail: r.fail,
      error: r.error,
      costUsd: r.costUsd,
      inputTokens: r.inputTokens,
      outputTokens: r.outputTokens,
      p50: r.latencyP50Ms,
      p95: r.latencyP95Ms,
    }).toEqual({
      passRate: s.passRate,
      pass: s.pass,
      fail: s.fail,
      error: s.error,
      costUsd: s.costUsd,
      inputTokens: s.inputTokens,
      outputTokens: s.outputTokens,
      p50: s.latencyP50Ms,
      p95: s.latencyP95Ms,
    });
    expect(r.low).toBeLessThanOrEqual(s.passRate!);
    expect(r.high).toBeGreaterThanOrEqual(s.passRate!);
  }
}

describe('run history through the CLI', { timeout: 120_000 }, () => {
  const toy = useToyModelServer();

  it('appends one record per whole run, with the numbers of its summary.json; --filter runs are not recorded; evals history shows the trend', async () => {
    const project = copyFixtureProject('toy');
    toy.server.setBrain(canvasBrain(TOY_TRIGGER_IDS));
    const first = await runCli(['run', 'toy', '--update-baseline', '--no-cache'], { cwd: project, env: toy.env });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toContain('history: reports/toy/history.jsonl');
    // The candidate stops opening Canvas for t07 and t09: two regressions, the gate fails.
    toy.server.setBrain(canvasBrain(['t01', 't03', 't05']));
    const second = await runCli(['run', 'toy', '--no-cache'], { cwd: project, env: toy.env });
    expect(second.code).toBe(1);
    const filtered = await runCli(['run', 'toy', '--filter', 't01'], { cwd: project, env: toy.env });
    expect(filtered.stderr).toContain('history: not recorded: ran part of the suite (--filter/--limit)');

    const records = historyOf(project);
    expect(records).toHaveLength(2);
    for (const record of records) expectRecordMatchesSummary(record, summaryOf(project, record.runId));
    const [a, b] = records;
    expect(a.systems.find((s) => s.name === 'candidate')!.passRate).toBe(1);
    expect(b.systems.find((s) => s.name === 'candidate')).toMatchObject({ passRate: 0.8, regressions: 2, regressed: ['t07', 't09'] });
    expect(b.baselineRunId).toBe(a.runId);
    expect([a.gate, b.gate]).toEqual([
      { passed: true, applied: true },
      { passed: false, applied: true },
    ]);
    // The same cases, and the same candidate (its prompt, tools and parameters did not change).
    expect(b.dataset).toEqual(a.dataset);
    expect(a.dataset.cases).toBe(10);
    expect(b.systems[1].identity).toEqual(a.systems[1].identity);
    expect(a.systems[1].identity).toMatchObject({ prompt: expect.stringMatching(/^[0-9a-f]{16}$/), tools: expect.stringMatching(/^[0-9a-f]{16}$/) });
    // A temp folder is not a git repository: no commit, and the run did not fail for it.
    expect(a.git).toBeNull();

    const shown = await runCli(['history', 'toy'], { cwd: project, env: toy.env });
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toContain('toy: 2 runs');
    const candidateRow = shown.stdout.split('\n').find((line) => line.includes('candidate'))!;
    expect(candidateRow).toMatch(/█▁/);
    expect(candidateRow).toMatch(/100\.0%.*80\.0%.*100\.0%/);
    expect(shown.stdout).toContain(`latest: ${b.runId}, gate failed`);

    const json = await runCli(['history', 'toy', '--json', '--system', 'candidate'], { cwd: project, env: toy.env });
    const parsed = JSON.parse(json.stdout);
    expect(parsed.systems.map((s: { name: string }) => s.name)).toEqual(['candidate']);
    expect(parsed.systems[0].points.map((p: { runId: string; rate: number }) => [p.runId, p.rate])).toEqual([
      [a.runId, 1],
      [b.runId, 0.8],
    ]);
    expect(parsed.latest.runId).toBe(b.runId);

    const last = JSON.parse((await runCli(['history', 'toy', '--json', '--last', '1'], { cwd: project, env: toy.env })).stdout);
    expect([last.runs, last.recorded]).toEqual([1, 2]);
    const typo = await runCli(['history', 'toy', '--system', 'candidat'], { cwd: project, env: toy.env });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('did you mean "candidate"');
    const missing = await runCli(['history', 'nope'], { cwd: project, env: toy.env });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope: no history yet');
  });

  it('records the commit and branch when the project is a git repository', async () => {
    const project = copyFixtureProject('toy');
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: project, encoding: 'utf8' }).trim();
    git('init', '-q', '-b', 'feature/x');
    git('add', '-A');
    git('commit', '-qm', 'cases');
    const result = await runCli(['run', 'toy'], { cwd: project, env: toy.env });
    expect(result.code, result.stderr).toBe(0);
    expect(historyOf(project)[0].git).toEqual({ commit: git('rev-parse', 'HEAD'), branch: 'feature/x' });
  });

  it('a sharded run adds one record when merged, and none per shard', async () => {
    const project = copyFixtureProject('toy');
    toy.server.setBrain(canvasBrain(TOY_TRIGGER_IDS));
    for (const shard of ['1/2', '2/2']) {
      const result = await runCli(['run', 'toy', '--shard', shard], { cwd: project, env: toy.env });
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).not.toContain('history:');
    }
    expect(historyOf(project)).toEqual([]);
    const shards = readdirSync(path.join(project, 'reports', 'toy')).filter((name) => /^\d{8}-/.test(name));
    const merged = await runCli(['merge', ...shards.map((id) => `reports/toy/${id}`)], { cwd: project, env: toy.env });
    expect(merged.code, merged.stderr).toBe(0);
    const records = historyOf(project);
    expect(records).toHaveLength(1);
    expect(records[0].shards).toBe(2);
    expect(shards).not.toContain(records[0].runId);
    expectRecordMatchesSummary(records[0], summaryOf(project, records[0].runId));
    expect(records[0].dataset.cases).toBe(10);
  });

  it('a torn last line does not swallow the next record', async () => {
    const project = copyFixtureProject('toy');
    const first = await runCli(['run', 'toy'], { cwd: project, env: toy.env });
    expect(first.code).toBe(0);
    const file = path.join(project, 'reports', 'toy', 'history.jsonl');
    writeFileSync(file, readFileSync(file, 'utf8') + '{"formatVersion":1,"runId":"cut-sh');
    await runCli(['run', 'toy'], { cwd: project, env: toy.env });
    const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
    expect(lines).toHaveLength(3);
    expect(JSON.parse(lines[2]).suite).toBe('toy');
    const shown = await runCli(['history', 'toy'], { cwd: project, env: toy.env });
    expect(shown.stdout).toContain('toy: 2 runs');
    expect(shown.stderr).toContain('skipped 1 not a valid record');
  });
});
