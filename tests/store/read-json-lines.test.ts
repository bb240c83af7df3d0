import { appendFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/errors.js';
import { readJsonLines } from '../../src/store/read-run.js';
import { makeTempDir } from '../helpers/temp-dir.js';

// readJsonLines reads a run's cases.jsonl (before its first request) and results.jsonl (every report)
// a megabyte at a time: lines longer than that, and characters cut by a chunk's edge, come back whole.

const dir = makeTempDir('read-json-lines');

function file(name: string, text: string): string {
  const target = path.join(dir, name);
  writeFileSync(target, text);
  return target;
}

async function all(target: string): Promise<unknown[]> {
  const values: unknown[] = [];
  for await (const value of readJsonLines(target)) values.push(value);
  return values;
}

describe('readJsonLines', () => {
  it('reads every line whole across megabyte chunks, multi-byte characters included', async () => {
    // Lines from a few bytes to 2.5 MB, so chunk edges fall inside lines and inside characters.
    const lines = Array.from({ length: 40 }, (_, i) => ({ id: `c${i}`, text: `${'😀é中'.repeat(i % 7 === 0 ? 150_000 + i : i)} ${i}` }));
    expect(await all(file('big.jsonl', lines.map((l) => JSON.stringify(l)).join('\n') + '\n'))).toEqual(lines);
  });

  it('gives the event loop a turn every megabyte, so V8 can finish a collection during a long pass', async () => {
    const target = file('long.jsonl', Array.from({ length: 4000 }, (_, i) => JSON.stringify({ id: `c${i}`, text: 'x'.repeat(1000) })).join('\n') + '\n');
    let turns = 0;
    let reading = true;
    const onTurn = () => {
      if (!reading) return;
      turns += 1;
      setImmediate(onTurn);
    };
    setImmediate(onTurn);
    let count = 0;
    for await (const _ of readJsonLines(target)) count += 1;
    reading = false;
    expect(count).toBe(4000);
    // ~4 MB: a turn after each of the first three megabytes at least.
    expect(turns).toBeGreaterThanOrEqual(3);
  });

  it('skips blank lines, tolerates CRLF, and skips a torn last line', async () => {
    const target = file('crlf.jsonl', '{"id":"a"}\r\n\r\n{"id":"b"}\r\n');
    appendFileSync(target, '{"id":"c","te');
    expect(await all(target)).toEqual([{ id: 'a' }, { id: 'b' }]);
  });

  it('keeps a last line that only lacks its line break', async () => {
    expect(await all(file('no-break.jsonl', '{"id":"a"}\n{"id":"b"}'))).toEqual([{ id: 'a' }, { id: 'b' }]);
  });

  it('a bad line before the end is corruption, named by file and line', async () => {
    const target = file('bad.jsonl', '{"id":"a"}\nnot json\n{"id":"c"}\n');
    await expect(all(target)).rejects.toThrow(ConfigurationError);
    await expect(all(target)).rejects.toThrow(/bad\.jsonl.*2.*not valid JSON/s);
  });

  it('an empty file has no lines; a missing one is an error', async () => {
    expect(await all(file('empty.jsonl', ''))).toEqual([]);
    await expect(all(path.join(dir, 'missing.jsonl'))).rejects.toThrow(/ENOENT/);
  });
});
