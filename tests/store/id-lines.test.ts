import { appendFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/errors.js';
import { IdLines } from '../../src/store/id-lines.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const dir = makeTempDir('id-lines');

function file(name: string, text: string): string {
  const target = path.join(dir, name);
  writeFileSync(target, text);
  return target;
}

const idOf = (value: unknown) => (value as { id: string }).id;
const keys = (index: IdLines) => Array.from({ length: index.length }, (_, i) => index.key(i));

describe('IdLines', () => {
  it('finds every line by its id, in any order, and reads it back across chunks and multi-byte text', () => {
    // Ids whose code-point order is not file order (c10 before c9), with 2-, 3- and 4-byte characters.
    const lines = Array.from({ length: 6000 }, (_, i) => ({ id: `${['c', 'é', '中', '😀'][i % 4]}${i}`, text: `😀é ${'x'.repeat(i % 700)} ${i}` }));
    const index = new IdLines(file('big.jsonl', lines.map((l) => JSON.stringify(l)).join('\n') + '\n'), idOf);
    expect(keys(index)).toEqual(lines.map((l) => l.id));
    for (const i of [5999, 0, 3001, 1, 4500, 2999, 5998]) expect(index.firstOf(lines[i].id)).toBe(i);
    for (let i = 0; i < lines.length; i += 1) expect(index.firstOf(lines[i].id)).toBe(i);
    for (const i of [5999, 0, 3001, 1]) expect(index.read(i)).toEqual(lines[i]);
    for (const missing of ['c', 'c60000', '', 'é2', '😀']) expect(index.firstOf(missing)).toBeUndefined();
    index.close();
    expect(index.read(42)).toEqual(lines[42]);
    index.close();
  });

  it('an id on two lines is found at its first, walked in order or not', () => {
    const rows = ['a', 'b', 'a', 'c', 'b', 'a'].map((id, i) => JSON.stringify({ id, n: i }));
    const index = new IdLines(file('dups.jsonl', rows.join('\n') + '\n'), idOf);
    expect(keys(index)).toEqual(['a', 'b', 'a', 'c', 'b', 'a']);
    expect(['a', 'b', 'a', 'c', 'b', 'a', 'd'].map((id) => index.firstOf(id))).toEqual([0, 1, 0, 3, 1, 0, undefined]);
    expect(index.read(4)).toEqual({ id: 'b', n: 4 });
  });

  it('skips blank lines, tolerates CRLF, and skips a torn last line', () => {
    const target = file('crlf.jsonl', '{"id":"a"}\r\n\r\n{"id":"b"}\r\n');
    appendFileSync(target, '{"id":"c","te');
    const index = new IdLines(target, idOf);
    expect(keys(index)).toEqual(['a', 'b']);
    expect(index.read(1)).toEqual({ id: 'b' });
    expect(index.firstOf('c')).toBeUndefined();
    index.close();
  });

  it('a bad line before the end is corruption, named by file and line', () => {
    const target = file('bad.jsonl', '{"id":"a"}\nnot json\n{"id":"c"}\n');
    expect(() => new IdLines(target, idOf)).toThrow(ConfigurationError);
    expect(() => new IdLines(target, idOf)).toThrow(/bad\.jsonl.*2.*not valid JSON/s);
  });

  it('an empty file has no lines', () => {
    const index = new IdLines(file('empty.jsonl', ''), idOf);
    expect(index.length).toBe(0);
    expect(index.firstOf('a')).toBeUndefined();
  });
});
