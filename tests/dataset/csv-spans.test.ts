import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { cellValue, csvCellSpans, encodeCell } from '../../src/dataset/csv-spans.js';

// The spans --write-sheet edits must be the records readCsv (papaparse) reads, or a champion's output
// would land in the wrong row.

const samples = ['id,input\r\nt1,"a, b"\r\nt2,"line one\r\nline two"\r\n', '\uFEFFid;input\n\nt1;"say ""hi"""\nt2;plain', 'id\tinput\rt1\t"x"\r', 'a,b\n"",\n,"""quoted"""\n'];

describe('csvCellSpans', () => {
  it.each(samples)('reads the records papaparse reads: %j', (text) => {
    const delimiter = text.includes('\t') ? '\t' : text.includes(';') ? ';' : ',';
    const spans = csvCellSpans(text, delimiter);
    const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { delimiter, skipEmptyLines: false }).data;
    const ours = spans.map((record) => record.map((span) => cellValue(text, span)));
    expect(ours).toEqual(parsed.slice(0, ours.length));
    expect(parsed.slice(ours.length).every((record) => record.join('') === '')).toBe(true);
  });

  it('encodes a cell so it reads back, quoting only when needed or when the old cell was quoted', () => {
    expect(encodeCell('plain', ',', false)).toBe('plain');
    expect(encodeCell('plain', ',', true)).toBe('"plain"');
    expect(encodeCell('a, "b"\nc', ',', false)).toBe('"a, ""b""\nc"');
    expect(encodeCell(' padded', ';', false)).toBe('" padded"');
  });
});
