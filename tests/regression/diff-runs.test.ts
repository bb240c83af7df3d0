import { describe, expect, it } from 'vitest';
import { caseVerdict } from '../../src/regression/case-verdict.js';
import { diffSnapshots } from '../../src/regression/diff-runs.js';
import { evaluateGate } from '../../src/regression/gate.js';
import type { Snapshot, SnapshotResult } from '../../src/regression/snapshot.js';
import { evalsCommand } from '../../src/invoked-as.js';

type Status = SnapshotResult['status'];

/** A snapshot of one system from a compact description: case id → statuses of its repeats. */
function snapshot(runId: string, cases: Record<string, Status[] | { statuses: Status[]; hash: string }>, provider = 'openai:m'): Snapshot {
  return {
    suite: 'demo',
    runId,
    checks: [],
    systems: { candidate: { provider } },
    cases: Object.fromEntries(
      Object.entries(cases).map(([id, value]) => {
        const { statuses, hash } = Array.isArray(value) ? { statuses: value, hash: `h-${id}` } : value;
        return [id, { hash, results: { candidate: statuses.map((status) => ({ status, output: `${id}-${status}`, ...(status === 'fail' ? { reasons: [`tool-called: ${id} failed`] } : {}) })) } }];
      }),
    ),
  };
}

describe('caseVerdict', () => {
  it('pass^k: a case passes only when every repeat passes; pass@k when any does; mixed repeats are flaky', () => {
    const results = (...s: Status[]) => s.map((status) => ({ status }));
    expect(caseVerdict(results('pass', 'pass', 'pass'), 'all')).toMatchObject({ status: 'pass', passAtK: true, passHatK: true, flaky: false });
    expect(caseVerdict(results('pass', 'fail', 'pass'), 'all')).toMatchObject({ status: 'fail', passAtK: true, passHatK: false, flaky: true });
    expect(caseVerdict(results('pass', 'fail', 'pass'), 'majority')).toMatchObject({ status: 'pass', flaky: true });
    expect(caseVerdict(results('fail', 'fail', 'pass'), 'majority').status).toBe('fail');
  });

  it('errors are never folded into pass or fail', () => {
    expect(caseVerdict([{ status: 'error' }], 'all').status).toBe('error');
    expect(caseVerdict([{ status: 'pass' }, { status: 'error' }], 'all').status).toBe('error');
    expect(caseVerdict([{ status: 'fail' }, { status: 'error' }], 'all').status).toBe('fail');
    expect(caseVerdict([{ status: 'pass' }, { status: 'pass' }, { status: 'error' }], 'majority').status).toBe('pass');
  });
});

describe('diffSnapshots', () => {
  const before = snapshot('r1', { a: ['pass'], b: ['pass'], c: ['fail'], d: ['fail'], e: ['pass'], gone: ['pass'] });
  const after = snapshot('r2', { a: ['pass'], b: ['fail'], c: ['pass'], d: ['fail'], e: ['error'], fresh: ['pass'] });
  const [system] = diffSnapshots(before, after).systems;

  it('labels every case with its transition, worst first', () => {
    expect(system.cases.map((c) => [c.caseId, c.transition])).toEqual([
      ['b', 'regressed'],
      ['e', 'errored'],
      ['d', 'still-failing'],
      ['fresh', 'new'],
      ['gone', 'removed'],
      ['c', 'fixed'],
      ['a', 'still-passing'],
    ]);
    expect(system.cases.find((c) => c.caseId === 'b')?.reasons).toEqual(['tool-called: b failed']);
  });

  it('pass rates exclude errors; McNemar counts regressions and fixes', () => {
    expect(system.before.passRate).toBeCloseTo(4 / 6);
    expect(system.after.passRate).toBeCloseTo(3 / 5);
    expect(system.mcnemar).toMatchObject({ regressions: 1, fixes: 1 });
    // P(X ≥ 1) for X ~ Binomial(2, 0.5) = 3/4.
    expect(system.mcnemar.pRegression).toBeCloseTo(0.75, 12);
  });

  it('a changed row (same id, different content) is flagged, not silently compared', () => {
    const edited = snapshot('r3', { a: { statuses: ['fail'], hash: 'different' } });
    const [s] = diffSnapshots(snapshot('r1', { a: ['pass'] }), edited).systems;
    expect([...s.cases][0]).toMatchObject({ caseId: 'a', transition: 'regressed', changed: true });
    expect(s.changed).toBe(1);
  });

  it('a partial run (--filter, --limit, --shard) does not report the cases it skipped as removed', () => {
    const [s] = diffSnapshots(before, snapshot('r4', { a: ['pass'] }), { partial: true }).systems;
    expect(s.cases.map((c) => c.transition)).toEqual(['still-passing']);
  });
});

describe('evaluateGate', () => {
  const comparison = diffSnapshots(snapshot('r1', { a: ['pass'], b: ['pass'], c: ['pass'], d: ['pass'] }), snapshot('r2', { a: ['fail'], b: ['fail'], c: ['pass'], d: ['error'] }));

  it('names the numbers of every failed rule', () => {
    const gate = evaluateGate(comparison, { maxRegressions: 0, minPassRate: 0.5, maxDrop: 0.1, failOnErrors: true });
    expect(gate.passed).toBe(false);
    expect(gate.failures).toEqual([
      'demo/candidate: 2 regressions (max 0): a, b',
      'demo/candidate: pass rate 33.3% is below the minimum 50.0%',
      'demo/candidate: pass rate dropped 66.7 points (100.0% → 33.3%), max 10.0',
      'demo/candidate: 1 errored case (errors fail the gate; --no-fail-on-errors to allow)',
    ]);
  });

  it('recorded (column:) systems are not gated unless named', () => {
    const recorded = diffSnapshots(undefined, snapshot('r', { a: ['fail'] }, 'column:current_behavior'));
    expect(evaluateGate(recorded, { minPassRate: 0.9, failOnErrors: true }).passed).toBe(true);
    expect(evaluateGate(recorded, { minPassRate: 0.9, failOnErrors: true, systems: ['candidate'] }).passed).toBe(false);
  });

  it('min_win_rate applies to the lower bound of the interval', () => {
    const gate = evaluateGate(comparison, { failOnErrors: false, minWinRate: 0.5 }, [{ a: 'candidate', b: 'baseline', low: 0.45, high: 0.75, estimate: 0.6 }]);
    expect(gate.failures).toEqual(['demo: candidate vs baseline: win rate 60.0%, but its 95% lower bound 45.0% is below the minimum 50.0%']);
  });

  it('min_win_rate_vs_champion reads the challenger side, on the lower bound unless win_rate_bound is point', () => {
    const vsChampion = [
      { a: 'candidate', b: 'prompted', low: 0.1, high: 0.3, estimate: 0.2 },
      { a: 'champion', b: 'candidate', low: 0.2, high: 0.45, estimate: 0.35 },
    ];
    const lower = evaluateGate(comparison, { failOnErrors: false, minWinRateVsChampion: 0.6 }, vsChampion);
    expect(lower.failures).toEqual(['demo: candidate vs champion (min_win_rate_vs_champion): win rate 65.0%, but its 95% lower bound 55.0% is below the minimum 60.0%']);
    expect(lower.pairs).toEqual(['candidate vs champion']);
    expect(lower.rules).toContain('min_win_rate_vs_champion 60.0%');
    const point = evaluateGate(comparison, { failOnErrors: false, minWinRateVsChampion: 0.6, winRateBound: 'point' }, vsChampion);
    expect(point.passed).toBe(true);
    expect(point.rules).toContain('min_win_rate_vs_champion 60.0% (point estimate)');
  });

  it('judge errors fail the gate like errored cases, unless errors are allowed', () => {
    const errors = [{ a: 'candidate', b: 'baseline', judge: 'llm:openai:gpt-4o', errors: 26, total: 26 }];
    expect(evaluateGate(comparison, { failOnErrors: true }, [], errors).failures).toEqual([
      'demo/candidate: 1 errored case (errors fail the gate; --no-fail-on-errors to allow)',
      // The hint names the command as this test process was started (npx vitest, npm test: `npx evals`).
      `demo: candidate vs baseline: the judge (llm:openai:gpt-4o) errored on 26 of 26 pairs (judge errors fail the gate; \`${evalsCommand()} judge <run>\` retries them)`,
    ]);
    expect(evaluateGate(comparison, { failOnErrors: false }, [], errors).passed).toBe(true);
  });
});
