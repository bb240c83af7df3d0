import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { JudgmentsWriter, readJudgments } from '../../src/judge/judgments-store.js';
import type { JudgmentRecord } from '../../src/judge/types.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const record = (caseId: string): JudgmentRecord => ({ caseId, a: 'new', b: 'old', judge: 'human:ana', winner: 'a', shownLeft: 'b', at: '2026-01-01T00:00:00.000Z' });

describe('judgments.jsonl', () => {
  it('reads past a line torn by a crash, and the next append does not glue onto it', async () => {
    const dir = makeTempDir('judgments');
    const file = path.join(dir, 'judgments.jsonl');
    writeFileSync(file, JSON.stringify(record('c1')) + '\n');
    appendFileSync(file, JSON.stringify(record('c2')).slice(0, 25));
    expect((await readJudgments(dir)).map((r) => r.caseId)).toEqual(['c1']);

    const writer = new JudgmentsWriter(file);
    writer.append(record('c3'));
    writer.close();
    expect((await readJudgments(dir)).map((r) => r.caseId)).toEqual(['c1', 'c3']);
    expect(readFileSync(file, 'utf8').split('\n')).toHaveLength(3);
  });

  it('keeps a complete last record that only lacks its newline', async () => {
    const dir = makeTempDir('judgments');
    writeFileSync(path.join(dir, 'judgments.jsonl'), JSON.stringify(record('c1')));
    const writer = new JudgmentsWriter(path.join(dir, 'judgments.jsonl'));
    writer.append(record('c2'));
    writer.close();
    expect((await readJudgments(dir)).map((r) => r.caseId)).toEqual(['c1', 'c2']);
  });

  it('reads nothing when no judgment was made yet', async () => {
    expect(await readJudgments(makeTempDir('judgments'))).toEqual([]);
  });
});
