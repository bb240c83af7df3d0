import { describe, expect, it } from 'vitest';
import { sparkline } from '../../src/history/sparkline.js';
import { comparisonTrends, systemTrends } from '../../src/history/trend.js';
import { renderTrendTable } from '../../src/history/history-table.js';
import type { HistoryRecord } from '../../src/history/record.js';

const record = (runId: string, rates: Record<string, number | null>, extra: Partial<HistoryRecord> = {}): HistoryRecord => ({
  formatVersion: 1,
  runId,
  suite: 's',
  time: `2026-01-01T00:00:0${runId}.000Z`,
  git: null,
  dataset: { hash: 'h', cases: 10 },
  repeat: 1,
  baselineRunId: null,
  systems: Object.entries(rates).map(([name, passRate]) => ({
    name,
    provider: 'openai:m',
    identity: { prompt: runId === '3' && name === 'b' ? 'changed' : 'p', tools: null, params: 'x' },
    passRate,
    low: 0.1,
    high: 0.95,
    pass: 0,
    fail: 0,
    error: 0,
    costUsd: null,
    inputTokens: 0,
    outputTokens: 0,
    latencyP50Ms: null,
    latencyP95Ms: null,
    regressions: 0,
    regressed: [],
  })),
  comparisons: [],
  gate: { passed: true, applied: true },
  ...extra,
});

describe('sparkline', () => {
  it('spreads the shown range over ▁…█, at least 10 points wide, and leaves unknowns blank', () => {
    expect(sparkline([0, 0.5, 1])).toBe('▁▅█');
    // 90.0% → 90.5%: one step, not the whole height.
    expect(sparkline([0.9, 0.905])).toBe('▄▅');
    expect(sparkline([1, 1])).toBe('██');
    expect(sparkline([0.2, null, 0.9])).toBe('▁ █');
    expect(sparkline([null])).toBe(' ');
  });
});

describe('trends', () => {
  const records = [record('1', { a: 0.5, b: 0.9 }), record('2', { a: 0.7, b: 0.8 }), record('3', { b: 0.95, a: null })];

  it('gives each system its first, last and best rate, in the latest run order, and counts identity changes', () => {
    const trends = systemTrends(records);
    expect(trends.map((t) => [t.name, t.first, t.last, t.best, t.points.length, t.changes])).toEqual([
      ['b', 0.9, 0.95, 0.95, 3, 1],
      ['a', 0.5, 0.7, 0.7, 3, 0],
    ]);
    const table = renderTrendTable(trends, 'system').text;
    expect(table).toContain('95.0%');
    expect(table).toMatch(/│ a +│ openai:m │ +3 │ ▁█  /);
  });

  it('takes one judge per pair and run: the LLM judge over people', () => {
    const judged = (runId: string, humans: number, llm: number) =>
      record(
        runId,
        {},
        {
          comparisons: [
            { a: 'b', b: 'champion', judge: 'human', n: 4, winRate: humans, low: 0.1, high: 0.9 },
            { a: 'b', b: 'champion', judge: 'llm:openai:j', n: 10, winRate: llm, low: 0.4, high: 0.8 },
          ],
        },
      );
    const [trend] = comparisonTrends([judged('1', 0.1, 0.6), judged('2', 0.2, 0.7)]);
    expect(trend.name).toBe('b vs champion');
    expect(trend.points.map((p) => p.rate)).toEqual([0.6, 0.7]);
  });
});
