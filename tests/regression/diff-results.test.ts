import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBaseline } from '../../src/regression/baseline-file.js';
import { writeBaseline } from '../../src/regression/baseline-text.js';
import { diffResults, diffSnapshots } from '../../src/regression/diff-runs.js';
import { buildSnapshot } from '../../src/regression/snapshot.js';
import { TransitionColumns } from '../../src/regression/transition-list.js';
import type { ResultRecord } from '../../src/types.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { collectGarbage } from '../../src/heap.js';

const systems = { a: { provider: 'openai:m' }, b: { provider: 'openai:n' } };
const frame = (runId: string, repeat: number) => ({ suite: 'demo', runId, checks: [], systems, repeat });

function record(caseId: string, system: string, repeat: number, status: ResultRecord['status'], extra: Partial<ResultRecord> = {}): ResultRecord {
  const checks = status === 'fail' ? [{ spec: { type: 'contains' }, pass: false, reason: `${caseId} missed` }] : [];
  const error = status === 'error' ? { kind: 'timeout', message: 'timed out' } : undefined;
  return { caseId, system, repeat, caseHash: `hash-${caseId}`, status, outputHash: `out-${caseId}-${status}`, checks, ...(error ? { error } : {}), ...extra } as unknown as ResultRecord;
}

async function* stream(records: ResultRecord[]) {
  yield* records;
}

const plain = (value: unknown) => JSON.parse(JSON.stringify(value));

describe('diffResults (a stored run compared as its results stream)', () => {
  // Two systems, two repeats, results out of order, one case missing a result (an interrupted run),
  // a later duplicate of a finished job, a changed row, a removed and a new case.
  const baselineRecords = [...['x', 'y', 'gone', 'edited'].flatMap((id) => ['a', 'b'].flatMap((s) => [0, 1].map((r) => record(id, s, r, id === 'y' ? 'fail' : 'pass'))))];
  const runRecords = [
    record('x', 'a', 1, 'fail'),
    record('y', 'b', 0, 'pass'),
    record('x', 'b', 0, 'pass'),
    record('x', 'a', 0, 'pass'),
    record('y', 'a', 1, 'pass'),
    record('x', 'b', 1, 'pass'),
    record('x', 'a', 1, 'pass', { outputHash: 'a later duplicate' }),
    record('y', 'a', 0, 'pass'),
    record('y', 'b', 1, 'pass'),
    record('edited', 'a', 0, 'fail', { caseHash: 'another row' }),
    record('edited', 'a', 1, 'fail', { caseHash: 'another row' }),
    record('edited', 'b', 0, 'pass', { caseHash: 'another row' }),
    record('edited', 'b', 1, 'pass', { caseHash: 'another row' }),
    record('new', 'a', 0, 'error'),
    record('new', 'b', 0, 'pass'),
    // new's repeat 1 never came: it is compared on what it has.
  ];

  it('gives what the whole-snapshot diff gives, case for case', async () => {
    const baseline = await buildSnapshot(frame('r1', 2), stream(baselineRecords));
    const streamed = await diffResults(baseline, frame('r2', 2), stream(runRecords));
    // The whole snapshot without the duplicate (which the streamed diff leaves out by itself).
    const whole = diffSnapshots(baseline, await buildSnapshot(frame('r2', 2), stream(runRecords.filter((r) => r.outputHash !== 'a later duplicate'))));
    expect(plain(streamed)).toEqual(plain(whole));
    const [a] = streamed.systems;
    expect(a.cases.map((c) => [c.caseId, c.transition])).toEqual([
      ['edited', 'regressed'],
      ['x', 'regressed'],
      ['new', 'errored'],
      ['gone', 'removed'],
      ['y', 'fixed'],
    ]);
    expect(a.changed).toBe(1);
    expect(a.flaky).toEqual(['x']);
    expect(a.cases.find((c) => c.caseId === 'x')).toMatchObject({ after: { passes: 1, fails: 1, errors: 0 }, reasons: ['contains: x missed'], outputChanged: true });
    expect(a.cases.filter((c) => c.after?.status === 'error').map((c) => c.caseId)).toEqual(['new']);
    expect([...a.cases].length).toBe(a.cases.length);
  });

  it('gives the same from a committed baseline.json read through its line index, a duplicate of a new case counted once', async () => {
    const baseline = await buildSnapshot(frame('r1', 2), stream(baselineRecords));
    const file = path.join(makeTempDir('diff-results'), 'baseline.json');
    writeBaseline(file, baseline);
    // `fresh` is not in the baseline: it finishes, then a resume writes one of its results again.
    const fresh = ['a', 'b'].flatMap((s) => [0, 1].map((r) => record('fresh', s, r, 'pass')));
    const records = [...runRecords, ...fresh, record('fresh', 'a', 0, 'fail', { outputHash: 'a later duplicate' })];
    const indexed = readBaseline(file);
    try {
      const streamed = await diffResults(indexed, frame('r2', 2), stream(records));
      const whole = diffSnapshots(baseline, await buildSnapshot(frame('r2', 2), stream(records.filter((r) => r.outputHash !== 'a later duplicate'))));
      expect(plain(streamed)).toEqual(plain(whole));
      expect(streamed.systems[0].cases.find((c) => c.caseId === 'fresh')).toMatchObject({ transition: 'new', after: { passes: 2, fails: 0 } });
      expect(streamed.systems[0].counts).toMatchObject({ new: 1, removed: 1, regressed: 2, fixed: 1, errored: 1 });
    } finally {
      indexed.close();
    }
  });

  it('leaves out cases it did not run when the run was partial, and counts removed ones otherwise', async () => {
    const baseline = await buildSnapshot(frame('r1', 2), stream(baselineRecords));
    const partial = await diffResults(baseline, frame('r2', 2), stream(runRecords), { partial: true });
    expect(partial.systems[0].counts.removed).toBe(0);
    const full = await diffResults(baseline, frame('r2', 2), stream(runRecords));
    expect(full.systems[0].counts.removed).toBe(1);
    expect(full.systems[1].before).toEqual({ passRate: 0.75, cases: 4 });
  });
});

describe('TransitionColumns', () => {
  it('keeps counts past 16 bits exact (a case repeated 70,000 times)', () => {
    const columns = new TransitionColumns('majority');
    columns.push('small', 'new', false, false, undefined, [1, 0, 0], []);
    columns.push('huge', 'still-failing', false, true, [3, 69_997, 0], [0, 70_000, 0], ['contains: missed']);
    expect(columns.find((c) => c.caseId === 'huge')).toMatchObject({ before: { passes: 3, fails: 69_997 }, after: { passes: 0, fails: 70_000, status: 'fail' } });
    expect(columns.find((c) => c.caseId === 'small')).toMatchObject({ after: { passes: 1, status: 'pass' } });
    expect(columns.map((c) => c.caseId)).toEqual(['huge', 'small']);
  });
});

describe('diffResults with one system far ahead of another', () => {
  // A recorded column answers on the next turn of the event loop, a live model after a request:
  // results.jsonl then holds one system's results for most cases before the other's, and every such
  // case waits in diffResults. At 200,000 templated rows ~100,000 did, and held as objects (~590 bytes
  // a case) they were the assessment's peak.
  const cases = 20_000;
  const ids = Array.from({ length: cases }, (_, i) => `t${i}`);

  // One repeat: no case waits (each system is compared as its result comes). Two: a case waits as one string.
  // Measured: ~40 bytes a case with one repeat (the ids' hash table), ~210 with two; ~660 when cases waited as objects.
  it.each([
    [1, 80],
    [2, 250],
  ])('holds %i-repeat cases in under %i bytes each while the slower system is behind, and compares as the whole-snapshot diff does', async (repeats, limit) => {
    const statusOf = (id: string, r: number) => ((Number(id.slice(1)) + r) % 7 ? 'pass' : 'fail');
    // Made as they are read: the records themselves must not be what is measured.
    function* of(system: string) {
      for (const id of ids) for (let r = 0; r < repeats; r++) yield record(id, system, r, system === 'a' ? statusOf(id, r) : 'pass');
    }
    let heldBytes = 0;
    async function* aheadThenBehind() {
      collectGarbage();
      const before = process.memoryUsage().heapUsed;
      yield* of('a');
      collectGarbage();
      heldBytes = process.memoryUsage().heapUsed - before;
      yield* of('b');
    }
    const streamed = await diffResults(undefined, frame('r2', repeats), aheadThenBehind());
    expect(heldBytes / cases).toBeLessThan(limit);
    const whole = diffSnapshots(undefined, await buildSnapshot(frame('r2', repeats), stream([...of('a'), ...of('b')])));
    expect(plain(streamed)).toEqual(plain(whole));
    expect(streamed.systems.map((s) => s.counts.new)).toEqual([cases, cases]);
    expect(streamed.systems[0].cases.filter((c) => c.after?.status === 'fail').length).toBeGreaterThan(cases / 7 - 1);
  });
});

describe('diffResults on a run of one repeat (each system compared as its result comes)', () => {
  const baselineRecords = ['x', 'y', 'gone', 'edited'].flatMap((id) => ['a', 'b'].map((s) => record(id, s, 0, id === 'y' ? 'fail' : 'pass')));
  const runRecords = [
    record('x', 'b', 0, 'fail'),
    record('edited', 'a', 0, 'fail', { caseHash: 'another row' }),
    record('y', 'a', 0, 'pass'),
    record('x', 'a', 0, 'pass'),
    record('x', 'b', 0, 'pass', { outputHash: 'a later duplicate' }),
    record('edited', 'b', 0, 'pass', { caseHash: 'another row' }),
    record('new', 'b', 0, 'error'),
    record('new', 'a', 0, 'pass'),
    // y's answer from b never came (an interrupted run): b misses it, a compares it.
  ];
  const without = (records: ResultRecord[]) => records.filter((r) => r.outputHash !== 'a later duplicate');

  it('gives what the whole-snapshot diff gives, from a snapshot and from an indexed baseline.json, partial or not', async () => {
    const baseline = await buildSnapshot(frame('r1', 1), stream(baselineRecords));
    const whole = diffSnapshots(baseline, await buildSnapshot(frame('r2', 1), stream(without(runRecords))));
    const streamed = await diffResults(baseline, frame('r2', 1), stream(runRecords));
    expect(plain(streamed)).toEqual(plain(whole));
    const [a, b] = streamed.systems;
    expect(a.counts).toMatchObject({ regressed: 1, fixed: 1, 'still-passing': 1, new: 1, removed: 1 });
    expect(b.cases.map((c) => [c.caseId, c.transition, c.changed])).toEqual([
      ['x', 'regressed', false],
      ['new', 'errored', false],
      ['gone', 'removed', false],
      ['y', 'removed', false],
      ['edited', 'still-passing', true],
    ]);
    expect([a.changed, b.changed]).toEqual([1, 1]);
    const file = path.join(makeTempDir('diff-one-repeat'), 'baseline.json');
    writeBaseline(file, baseline);
    const indexed = readBaseline(file);
    try {
      expect(plain(await diffResults(indexed, frame('r2', 1), stream(runRecords)))).toEqual(plain(whole));
      const partial = await diffResults(indexed, frame('r2', 1), stream(runRecords), { partial: true });
      expect(plain(partial)).toEqual(plain(diffSnapshots(baseline, await buildSnapshot(frame('r2', 1), stream(without(runRecords))), { partial: true })));
      expect(partial.systems.map((s) => s.counts.removed)).toEqual([0, 1]);
    } finally {
      indexed.close();
    }
  });
});
