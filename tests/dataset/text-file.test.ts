import { describe, expect, it } from 'vitest';
import { decodeText } from '../../src/dataset/text-file.js';

describe('decodeText', () => {
  it('reads UTF-8 with or without a BOM', () => {
    expect(decodeText(Buffer.from('\uFEFFcafé → canvas', 'utf8'))).toBe('café → canvas');
    expect(decodeText(Buffer.from('café', 'utf8'))).toBe('café');
  });

  it("reads Excel's plain Windows-1252 CSV, euro sign and curly quotes included", () => {
    // "Café à 7€ “hi” – ok" as Windows-1252 bytes.
    const bytes = Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0xe0, 0x20, 0x37, 0x80, 0x20, 0x93, 0x68, 0x69, 0x94, 0x20, 0x96, 0x20, 0x6f, 0x6b]);
    expect(decodeText(bytes)).toBe('Café à 7€ “hi” – ok');
  });

  it("reads Excel's UTF-16 Unicode text", () => {
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('id\tinput', 'utf16le')]))).toBe('id\tinput');
  });
});
