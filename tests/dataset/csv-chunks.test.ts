import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { readCsv, readUtf8Csv } from '../../src/dataset/csv.js';
import { fileBytes } from '../../src/dataset/file-bytes.js';
import { ConfigurationError } from '../../src/errors.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import type { RawTable } from '../../src/dataset/raw-table.js';

// The first pass reads a CSV a chunk at a time and carries a chunk's last record into the next; the
// later passes decode pieces again from the recorded positions. Whatever the chunk size, and whether
// the source is a string or UTF-8 bytes, the rows and problems must be those of one whole parse.

const FILES: Record<string, string> = {
  plain: 'id,input\na,one\nb,two\nc,three\n',
  crlf: 'id,input\r\na,one\r\nb,"two\r\nlines"\r\nc,three',
  quotedNewlines: 'id,input,notes\n1,"a\nb\nc","x, y"\n2,plain,"say ""hi"""\n3,"",\n',
  multibyte: 'id,input\n1,café ☕ naïve\n2,"日本語\nの行"\n3,😀😀😀 emoji\n',
  ragged: 'id,input\n1,ok\n2,too,many\n3\n4,fine\n',
  unclosedQuote: 'id,input\n1,ok\n2,"never closed\n3,more\n4,rows\n',
  blankLines: 'id,input\n\n1,a\n\n\n2,b\n',
  semicolons: 'id;input\n1;a,b\n2;c\n',
  crlfThenLf: 'id,input\r\na,"one"\r\nb,two\r\nc,"three, quoted"\nd,"four\r\nlines"\ne,"five\nlines"\r\nf,six\n',
  lfThenCrlf: 'id,input\na,one\nb,"two"\r\nc,three\r\n\r\nd,"four\r\nlines"\n',
};

function snapshot(table: RawTable) {
  return { header: table.header, rows: [...table.rows], again: [...table.rows], problems: table.problems };
}

describe('CSV read a chunk at a time', () => {
  for (const [name, text] of Object.entries(FILES)) {
    it(`${name}: the same rows and problems at every chunk size, from text, from UTF-8 bytes and from the file on disk`, () => {
      const whole = snapshot(readCsv(text, 'f.csv'));
      expect(whole.rows.length).toBeGreaterThan(0);
      const bytes = new TextEncoder().encode(text);
      const file = path.join(makeTempDir('csv-chunks'), 'f.csv');
      writeFileSync(file, bytes);
      for (const chunk of [1, 2, 3, 5, 8, 13, 64]) {
        expect(snapshot(readCsv(text, 'f.csv', undefined, chunk)), `text, chunk ${chunk}`).toEqual(whole);
        expect(snapshot(readUtf8Csv(bytes, 0, 'f.csv', undefined, chunk)), `bytes, chunk ${chunk}`).toEqual(whole);
        expect(snapshot(readUtf8Csv(fileBytes(file, 'f.csv', bytes.length), 0, 'f.csv', undefined, chunk)), `file, chunk ${chunk}`).toEqual(whole);
      }
    });
  }

  it('skips a byte-order mark and never cuts a multi-byte character', () => {
    const text = 'id,input\n1,€€€€\n2,ü\n';
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
    for (const chunk of [1, 2, 4, 7]) {
      const table = readUtf8Csv(bytes, 3, 'f.csv', undefined, chunk);
      expect(table.header).toEqual(['id', 'input']);
      expect([...table.rows].map((r) => r.cells[1])).toEqual(['€€€€', 'ü']);
    }
  });

  it('a last line ending in a bare LF after CRLF lines (a row added in a text editor) reads like the others', () => {
    const text = 'id,input\r\na,"one"\r\nb,"two, quoted"\n';
    for (const chunk of [1, 3, 64, 1 << 20]) {
      for (const table of [readCsv(text, 'f.csv', undefined, chunk), readUtf8Csv(new TextEncoder().encode(text), 0, 'f.csv', undefined, chunk)]) {
        expect(table.problems).toEqual([]);
        expect([...table.rows].map((r) => r.cells)).toEqual([
          ['a', 'one'],
          ['b', 'two, quoted'],
        ]);
      }
    }
  });

  it('splits every CRLF and LF outside quotes, keeps those inside a quoted cell, and counts rows across both', () => {
    const text = FILES.crlfThenLf;
    for (const table of [readCsv(text, 'f.csv'), readUtf8Csv(new TextEncoder().encode(text), 0, 'f.csv', undefined, 5)]) {
      expect(table.header).toEqual(['id', 'input']);
      expect(table.problems).toEqual([]);
      expect([...table.rows]).toEqual([
        { row: 2, cells: ['a', 'one'] },
        { row: 3, cells: ['b', 'two'] },
        { row: 4, cells: ['c', 'three, quoted'] },
        { row: 5, cells: ['d', 'four\nlines'] },
        { row: 6, cells: ['e', 'five\nlines'] },
        { row: 7, cells: ['f', 'six'] },
      ]);
    }
  });

  it('names a CR alone as the likely reason when a row has more cells than the header', () => {
    const table = readCsv('id,input\r\na,one\rb,two\r\nc,three\n', 'f.csv');
    expect(table.problems).toEqual([
      { file: 'f.csv', row: 2, message: 'row has 3 cells, the header has 2 (it holds a line break that is a CR alone, which does not end a row: save the file with CRLF or LF line endings)' },
    ]);
    expect([...table.rows]).toEqual([{ row: 3, cells: ['c', 'three'] }]);
  });

  it('reads more than a piece of records (positions recorded every 512th) identically', () => {
    const lines = ['id,input'];
    for (let i = 0; i < 1_500; i++) lines.push(i % 7 ? `r${i},"text ${i} é\nsecond line"` : `r${i},plain ${i}`);
    const text = lines.join('\n');
    const whole = snapshot(readCsv(text, 'f.csv'));
    expect(whole.rows).toHaveLength(1_500);
    expect(snapshot(readUtf8Csv(new TextEncoder().encode(text), 0, 'f.csv', undefined, 4_096))).toEqual(whole);
  });
});

describe('a CSV read from disk', () => {
  it('is an error, not a mix of two versions, when the file changes between passes', () => {
    const file = path.join(makeTempDir('csv-changed'), 'f.csv');
    const first = 'id,input\na,one\nb,two\n';
    writeFileSync(file, first);
    const table = readUtf8Csv(fileBytes(file, 'f.csv', first.length), 0, 'f.csv');
    expect([...table.rows].map((r) => r.cells[0])).toEqual(['a', 'b']);
    writeFileSync(file, 'id,input\na,one\nb,two\nc,three\n');
    expect(() => [...table.rows]).toThrow(ConfigurationError);
    expect(() => [...table.rows]).toThrow(/changed while it was being read/);
  });
});
