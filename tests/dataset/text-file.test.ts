import { describe, expect, it } from 'vitest';
import { decodeText } from '../../src/dataset/text-file.js';
import { ConfigurationError } from '../../src/errors.js';

const FILE = 'datasets/x.txt';

const utf16le = (text: string) => Buffer.from(text, 'utf16le');
const utf16be = (text: string) => utf16le(text).swap16();
const LE_BOM = Buffer.from([0xff, 0xfe]);
const BE_BOM = Buffer.from([0xfe, 0xff]);

/** The one-line message decodeText gives for `bytes` (fails the test when it decodes). */
function refusal(bytes: Uint8Array): string {
  try {
    decodeText(bytes, FILE);
  } catch (error) {
    if (error instanceof ConfigurationError) return error.message;
    throw error;
  }
  throw new Error('expected the bytes to be refused');
}

describe('decodeText', () => {
  it('reads UTF-8 with or without a BOM', () => {
    expect(decodeText(Buffer.from('\uFEFFcafé → canvas', 'utf8'), FILE)).toBe('café → canvas');
    expect(decodeText(Buffer.from('café', 'utf8'), FILE)).toBe('café');
  });

  it("reads Excel's plain Windows-1252 CSV, euro sign and curly quotes included", () => {
    // "Café à 7€ “hi” – ok" as Windows-1252 bytes.
    const bytes = Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0xe0, 0x20, 0x37, 0x80, 0x20, 0x93, 0x68, 0x69, 0x94, 0x20, 0x96, 0x20, 0x6f, 0x6b]);
    expect(decodeText(bytes, FILE)).toBe('Café à 7€ “hi” – ok');
  });

  it("reads Excel's UTF-16 Unicode text by its BOM, little- or big-endian, emoji included", () => {
    const text = 'id\tinput\r\na\tÇa va ? 🙂\r\n';
    expect(decodeText(Buffer.concat([LE_BOM, utf16le(text)]), FILE)).toBe(text);
    expect(decodeText(Buffer.concat([BE_BOM, utf16be(text)]), FILE)).toBe(text);
  });

  it('recognises UTF-16 without a BOM by the zero bytes beside the header row', () => {
    const text = 'id\tentrée\tinput\nb\t日本語\thi\n';
    expect(decodeText(utf16le(text), FILE)).toBe(text);
    expect(decodeText(utf16be(text), FILE)).toBe(text);
  });

  it('never takes UTF-8 or Windows-1252 for UTF-16: they have no zero bytes', () => {
    expect(decodeText(Buffer.from('input\n日本語\n', 'utf8'), FILE)).toBe('input\n日本語\n');
    expect(decodeText(Buffer.from([0x69, 0xe9, 0x0a]), FILE)).toBe('ié\n');
  });

  it('refuses UTF-16 cut off mid-character, naming the file', () => {
    const cut = Buffer.concat([LE_BOM, utf16le('input\nhi')]).subarray(0, -1);
    expect(refusal(cut)).toBe('datasets/x.txt: is UTF-16 but ends mid-character or holds invalid characters (was it cut short?); save it as "CSV UTF-8 (Comma delimited)" or "Unicode Text" again');
  });

  it('says what a binary file saved under a text name probably is', () => {
    expect(refusal(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]))).toBe(
      'datasets/x.txt: is a zip file, not text: probably an .xlsx workbook with the wrong extension; rename it to .xlsx, or save it as "CSV UTF-8 (Comma delimited)" or "Unicode Text"',
    );
    expect(refusal(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toMatch(/^datasets\/x\.txt: is an old Excel \.xls workbook/);
    expect(refusal(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]))).toMatch(/^datasets\/x\.txt: is not a text file \(it has zero bytes\)/);
  });

  it('refuses UTF-32, whose BOM starts like UTF-16 LE, instead of passing NULs to a model', () => {
    const utf32 = Buffer.from([0xff, 0xfe, 0x00, 0x00, 0x69, 0x00, 0x00, 0x00, 0x6e, 0x00, 0x00, 0x00]);
    expect(refusal(utf32)).toMatch(/^datasets\/x\.txt: contains NUL characters/);
  });
});
