import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readHistory, skippedLinesNote } from '../../src/history/read-history.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { writeSyntheticHistory } from '../helpers/history-records.js';

// history.jsonl is shared through git with `merge=union`: lines arrive out of order, twice, torn,
// or from a newer evals. Reading must sort, count each run once, and skip what it cannot read.

const lines = (file: string) => readFileSync(file, 'utf8').split('\n').filter(Boolean);

describe('readHistory', () => {
  it('sorts by time, keeps the last line of a run recorded twice, and counts what it skipped', () => {
    const dir = makeTempDir('history');
    const file = writeSyntheticHistory(dir, 'toy', { runs: 5 });
    const [r0, r1, r2, r3, r4] = lines(file);
    const again = JSON.stringify({ ...JSON.parse(r2), repeat: 3 });
    // As a union merge of two branches can leave it, with Windows line endings on one line.
    writeFileSync(file, [r0, r3, r4, r1, r2 + '\r', again, '{"formatVersion":99,"runId":"x"}', 'not json', '{"formatVersion":1,"runId":"y","time":"2026"}', ''].join('\n'));
    const history = readHistory(file);
    expect(history.records.map((r) => r.runId)).toEqual([r0, r1, r2, r3, r4].map((l) => JSON.parse(l).runId));
    expect(history.records[2].repeat).toBe(3);
    expect(history).toMatchObject({ total: 5, newer: 1, damaged: 2 });
    expect(skippedLinesNote(history, 'toy/history.jsonl')).toBe('toy/history.jsonl: skipped 1 written by a newer evals (upgrade evals-harness to read them) and 2 not a valid record');
  });

  it('with `last`, reads the end of a long file only, and still sorts lines a merge put out of order', () => {
    const dir = makeTempDir('history');
    const file = writeSyntheticHistory(dir, 'long', { runs: 3000 });
    const all = lines(file);
    // A branch's newest run merged in before main's last two.
    writeFileSync(file, [...all.slice(0, -3), all[all.length - 1], all[all.length - 3], all[all.length - 2]].join('\n') + '\n');
    const history = readHistory(file, { last: 30 });
    expect(history.total).toBe(3000);
    expect(history.records).toHaveLength(30);
    expect(history.records.map((r) => r.runId)).toEqual(all.slice(-30).map((l) => JSON.parse(l).runId));
    expect(readHistory(file, { last: 5000 }).records).toHaveLength(3000);
  });

  it('a missing file is no history; a file without a final newline reads whole', () => {
    const dir = makeTempDir('history');
    expect(readHistory(path.join(dir, 'none.jsonl'))).toEqual({ records: [], total: 0, newer: 0, damaged: 0 });
    const file = writeSyntheticHistory(dir, 'x', { runs: 2 });
    appendFileSync(
      file,
      lines(file)[0]
        .replace(/"runId":"[^"]+"/, '"runId":"third"')
        .replace(/"time":"[^"]+"/, '"time":"2027-01-01T00:00:00.000Z"'),
    );
    expect(readHistory(file, { last: 1 }).records.map((r) => r.runId)).toEqual(['third']);
  });
});
