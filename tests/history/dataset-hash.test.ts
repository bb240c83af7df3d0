import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { datasetHash } from '../../src/history/dataset-hash.js';

describe('datasetHash', () => {
  it('is the sha256 of "id<TAB>hash" lines in JavaScript string order, whatever the file order (the value history.jsonl has always held)', async () => {
    const ids = ['b10', 'b9', 'B2', 'a-b', 'ab', 'Zed', 'zed', 'café', 'cafe', '日本', 'ü', '_x', '10', '9'];
    const dir = mkdtempSync(path.join(os.tmpdir(), 'evals-dataset-hash-'));
    const lines = [...ids].reverse().map((id, i) => JSON.stringify({ id, contentHash: `h${i}`, row: i + 2 }));
    writeFileSync(path.join(dir, 'cases.jsonl'), lines.join('\n') + '\n');
    const entries = [...ids].reverse().map((id, i) => `${id}\t${`h${i}`}`);
    const reference = createHash('sha256')
      .update(
        entries
          .sort()
          .map((e) => e + '\n')
          .join(''),
      )
      .digest('hex')
      .slice(0, 16);
    expect(await datasetHash(dir)).toEqual({ hash: reference, cases: ids.length });
  });
});
