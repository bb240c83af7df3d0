import { appendFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/errors.js';
import { JsonlIndex } from '../../src/store/jsonl-index.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const dir = makeTempDir('jsonl-index');

function file(name: string, text: string): string {
  const target = path.join(dir, name);
  writeFileSync(target, text);
  return target;
}

const idOf = (value: unknown) => (value as { id: string }).id;
const keys = (index: JsonlIndex) => Array.from({ length: index.length }, (_, i) => index.key(i));

describe('JsonlIndex', () => {
  it('reads any line back by position, in any order, across the 1 MB scan chunks and multi-byte text', () => {
    // ~3 MB of lines with 4-byte characters, so line starts fall at every position of a chunk.
    const lines = Array.from({ length: 6000 }, (_, i) => ({ id: `c${i}`, text: `😀é ${'x'.repeat(i % 700)} ${i}` }));
    const target = file('big.jsonl', lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const index = new JsonlIndex(target, idOf);
    expect(keys(index)).toEqual(lines.map((l) => l.id));
    for (const i of [5999, 0, 3001, 1, 4500, 2999, 5998]) expect(index.read(i)).toEqual(lines[i]);
    for (let i = 0; i < lines.length; i += 1) if (i % 97 === 0) expect(index.read(i)).toEqual(lines[i]);
    index.close();
    // Reading after close reopens the file.
    expect(index.read(42)).toEqual(lines[42]);
    index.close();
  });

  it('finds every line of a key in file order, and its first line, whatever lines come between', () => {
    const rows = ['a', 'b', 'a', 'c', 'b', 'a'].map((id, i) => JSON.stringify({ id, n: i }));
    const index = new JsonlIndex(file('keys.jsonl', rows.join('\n') + '\n'), idOf);
    expect(index.linesOf('a')).toEqual([0, 2, 5]);
    expect(index.linesOf('b')).toEqual([1, 4]);
    expect(index.linesOf('c')).toEqual([3]);
    expect(index.linesOf('d')).toEqual([]);
    expect([index.firstOf('a'), index.firstOf('b'), index.firstOf('c'), index.firstOf('d')]).toEqual([0, 1, 3, undefined]);
    expect(index.linesOf('b').map((i) => index.read(i))).toEqual([
      { id: 'b', n: 1 },
      { id: 'b', n: 4 },
    ]);
    index.close();
  });

  it('skips blank lines and tolerates CRLF', () => {
    const index = new JsonlIndex(file('crlf.jsonl', '{"id":"a"}\r\n\r\n{"id":"b"}\r\n'), idOf);
    expect(keys(index)).toEqual(['a', 'b']);
    expect(index.read(1)).toEqual({ id: 'b' });
    index.close();
  });

  it('skips a torn last line, as the journal does after a crash', () => {
    const target = file('torn.jsonl', '{"id":"a"}\n{"id":"b"}\n');
    appendFileSync(target, '{"id":"c","te');
    const index = new JsonlIndex(target, idOf);
    expect(keys(index)).toEqual(['a', 'b']);
  });

  it('a bad line before the end is corruption, named by file and line', () => {
    const target = file('bad.jsonl', '{"id":"a"}\nnot json\n{"id":"c"}\n');
    expect(() => new JsonlIndex(target, idOf)).toThrow(ConfigurationError);
    try {
      new JsonlIndex(target, idOf);
    } catch (error) {
      expect((error as ConfigurationError).message).toMatch(/bad\.jsonl.*2.*not valid JSON/s);
    }
  });
});
