import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigurationError, RunFailure } from '../../src/errors.js';
import { summarizeRunJudgments } from '../../src/judge/run-judging.js';
import { groupShards, mergeRuns } from '../../src/run/merge-runs.js';
import { readRunMeta } from '../../src/store/run-dir.js';
import { writeRunFixture, type FixtureOutput } from '../helpers/run-fixture.js';

// Shards as `evals run --shard i/n` leaves them, written by hand: which folders make one run,
// which exit code a bad set gets, and what the merged folder holds besides results.

function shard(suite: string, index: string, ids: string[], judged = false) {
  const outputs: Record<string, Record<string, FixtureOutput>> = { a: {}, b: {} };
  for (const id of ids) {
    outputs.a[id] = `a says ${id}`;
    outputs.b[id] = `b says ${id}`;
  }
  const { runDir } = writeRunFixture({ suite, runId: `20260101-000000-00${index[0]}-abcd`, cases: ids.map((id) => ({ id })), outputs });
  const meta = JSON.parse(readFileSync(path.join(runDir, 'run.json'), 'utf8'));
  writeFileSync(path.join(runDir, 'run.json'), JSON.stringify({ ...meta, shard: index }));
  if (judged) {
    const judgments = ids.map((caseId) => ({ caseId, a: 'a', b: 'b', judge: 'llm:openai:judge', winner: 'a', at: '2026-01-01T00:00:00.000Z' }));
    writeFileSync(path.join(runDir, 'judgments.jsonl'), judgments.map((j) => JSON.stringify(j) + '\n').join(''));
  }
  return runDir;
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('groupShards', () => {
  it('groups folders of several suites by suite, each in shard order', () => {
    const dirs = [shard('beta', '2/2', ['b2']), shard('alpha', '2/2', ['a2']), shard('beta', '1/2', ['b1']), shard('alpha', '1/2', ['a1'])];
    const groups = groupShards(dirs);
    expect(groups.map((g) => g.suite)).toEqual(['alpha', 'beta']);
    expect(groups.map((g) => g.metas.map((m) => m.shard))).toEqual([
      ['1/2', '2/2'],
      ['1/2', '2/2'],
    ]);
  });

  it('a missing shard is a run that could not be completed (exit 3), named per suite', () => {
    const error = thrown(() => groupShards([shard('alpha', '1/3', ['a1']), shard('alpha', '3/3', ['a3'])]));
    expect(error).toBeInstanceOf(RunFailure);
    expect((error as Error).message).toContain('alpha: missing shard 2/3 of 3');
  });

  it('runs that are not shards of one run are bad usage (exit 2), even when a shard is also missing', () => {
    const twice = thrown(() => groupShards([shard('alpha', '1/3', ['a1']), shard('alpha', '1/3', ['a1'])]));
    expect(twice).toBeInstanceOf(ConfigurationError);
    expect((twice as Error).message).toContain('the same shard appears twice');
    expect((twice as Error).message).toContain('missing shards 2/3, 3/3 of 3');
    const split = thrown(() => groupShards([shard('alpha', '1/2', ['a1']), shard('alpha', '2/3', ['a2'])]));
    expect(split).toBeInstanceOf(ConfigurationError);
    expect((split as Error).message).toContain('the shards split the suite differently');
  });

  it('a single shard 1/1 is a whole run', () => {
    expect(groupShards([shard('alpha', '1/1', ['a1'])])).toHaveLength(1);
  });
});

describe('mergeRuns', () => {
  it("pools the shards' judgments, so the merged run has the win rates of the whole", async () => {
    const dirs = [shard('alpha', '1/2', ['a1', 'a2'], true), shard('alpha', '2/2', ['a3'], true)];
    const reportsDir = path.dirname(path.dirname(dirs[0]));
    const { runDir, summary } = await mergeRuns(dirs, reportsDir);
    expect(summary.complete).toBe(true);
    expect(summary.cases).toBe(3);
    const judged = readFileSync(path.join(runDir, 'judgments.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).caseId);
    expect(judged.sort()).toEqual(['a1', 'a2', 'a3']);
    const pooled = await summarizeRunJudgments(runDir);
    expect(pooled?.comparisons.map((c) => [c.a, c.b, c.n, c.winRate])).toEqual([['a', 'b', 3, 1]]);
    expect(readdirSync(path.join(reportsDir, 'alpha'))).toContain(path.basename(runDir));
  });

  it('writes the merged run.json through the same schema as a run: the format version, no shard, mergedFrom in shard order', async () => {
    const dirs = [shard('gamma', '1/2', ['g1']), shard('gamma', '2/2', ['g2'])];
    const { runDir } = await mergeRuns(dirs, path.dirname(path.dirname(dirs[0])));
    const meta = readRunMeta(runDir);
    expect(meta).toMatchObject({ formatVersion: 1, suite: 'gamma', shard: null, mergedFrom: dirs.map((dir) => path.basename(dir)) });
    expect(meta.runId).toBe(path.basename(runDir));
  });
});
