import { describe, expect, it } from 'vitest';
import { diffSnapshots } from '../../src/regression/diff-runs.js';
import { buildRunSnapshot } from '../../src/regression/run-snapshot.js';
import type { ResultRecord } from '../../src/types.js';

const meta = { suite: 'demo', runId: 'r2', checks: [], systems: { a: { provider: 'openai:m' }, b: { provider: 'openai:n' } } };

function record(caseId: string, system: string, repeat: number, status: ResultRecord['status'], extra: Partial<ResultRecord> = {}): ResultRecord {
  const failed = status === 'fail' ? [{ spec: { type: 'contains' }, pass: false, reason: `${caseId} missed` }] : [];
  return {
    caseId,
    system,
    repeat,
    caseHash: `${caseId.padEnd(4, 'x')}0123456789ab`.slice(0, 16).replace(/[^0-9a-f]/g, 'e'),
    status,
    outputHash: 'deadbeef00c0ffee',
    checks: failed,
    ...extra,
  } as unknown as ResultRecord;
}

async function* stream(records: ResultRecord[]) {
  yield* records;
}

describe('RunSnapshot', () => {
  it('holds what the plain snapshot held: hashes as written, repeats in order whatever the arrival order, reasons per result', async () => {
    const records = [
      record('c1', 'a', 2, 'pass'),
      record('c1', 'a', 0, 'fail'),
      record('c1', 'b', 0, 'pass', { outputHash: undefined }),
      record('c1', 'a', 1, 'error', { error: { kind: 'timeout', message: 'timed out' } } as Partial<ResultRecord>),
      record('c2', 'a', 0, 'pass', { caseHash: 'not-a-hex-hash', outputHash: 'ABCDEF' }),
    ];
    const run = await buildRunSnapshot(meta, stream(records));
    expect([...run.caseIds()]).toEqual(['c1', 'c2']);
    expect(run.hashOf('c1')).toBe(records[0].caseHash);
    expect(run.hashOf('c2')).toBe('not-a-hex-hash');
    expect(run.hashOf('c3')).toBeUndefined();
    expect(run.resultsOf('c1', 'a')).toEqual([
      { status: 'fail', output: 'deadbeef00c0ffee', reasons: ['contains: c1 missed'] },
      { status: 'error', output: 'deadbeef00c0ffee', reasons: ['timed out'] },
      { status: 'pass', output: 'deadbeef00c0ffee' },
    ]);
    expect(run.resultsOf('c1', 'b')).toEqual([{ status: 'pass' }]);
    expect(run.resultsOf('c2', 'a')).toEqual([{ status: 'pass', output: 'ABCDEF' }]);
    expect(run.resultsOf('c2', 'b')).toBeUndefined();
    expect(run.toSnapshot().cases.c2).toEqual({ hash: 'not-a-hex-hash', results: { a: [{ status: 'pass', output: 'ABCDEF' }] } });
  });

  it('compares the same as its plain snapshot, and its transitions read like an array', async () => {
    const before = await buildRunSnapshot({ ...meta, runId: 'r1' }, stream([record('x', 'a', 0, 'pass'), record('y', 'a', 0, 'fail'), record('gone', 'a', 0, 'pass')]));
    const after = await buildRunSnapshot(meta, stream([record('y', 'a', 0, 'pass'), record('x', 'a', 0, 'fail', { outputHash: '1111111111111111' }), record('new', 'a', 0, 'error')]));
    const columns = diffSnapshots(before.toSnapshot(), after).systems[0];
    const plain = diffSnapshots(before.toSnapshot(), after.toSnapshot()).systems[0];
    expect(JSON.parse(JSON.stringify(columns))).toEqual(JSON.parse(JSON.stringify(plain)));
    expect(columns.cases.length).toBe(4);
    expect(columns.cases.map((c) => [c.caseId, c.transition])).toEqual([
      ['x', 'regressed'],
      ['new', 'errored'],
      ['gone', 'removed'],
      ['y', 'fixed'],
    ]);
    expect(columns.cases.find((c) => c.caseId === 'x')).toMatchObject({ outputChanged: true, reasons: ['contains: x missed'], before: { status: 'pass' }, after: { status: 'fail' } });
    expect(columns.cases.filter((c) => c.after?.status === 'error').map((c) => c.caseId)).toEqual(['new']);
    expect([...columns.cases].length).toBe(4);
    expect(columns.before).toEqual({ passRate: 2 / 3, cases: 3 });
    expect(columns.after).toEqual({ passRate: 0.5, cases: 3 });
  });
});
