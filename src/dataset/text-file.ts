import { ConfigurationError } from '../errors.js';
import { utf8WithoutNul, type ByteRange } from './file-bytes.js';

// Spreadsheet exports arrive as UTF-8 with or without a BOM, Excel's plain "CSV" as Windows-1252, and
// Excel's "Unicode Text" (.txt) as UTF-16 LE with a BOM. Anything else gets a message, not mojibake.

const SAVE_AS = 'save it as "CSV UTF-8 (Comma delimited)" or "Unicode Text"';

/**
 * Decode a text dataset file, dropping any byte-order mark. `file` names it in the
 * ConfigurationError thrown for bytes that are not a text export (a workbook, broken UTF-16).
 */
export function decodeText(bytes: Uint8Array, file: string): string {
  const fail = (message: string): never => {
    throw new ConfigurationError([{ file, message }]);
  };
  let text: string;
  const utf16 = utf16Encoding(bytes);
  if (utf16) {
    const start = utf16.bom ? 2 : 0;
    try {
      text = new TextDecoder(utf16.encoding, { fatal: true }).decode(bytes.subarray(start));
    } catch {
      return fail(`is UTF-16 but ends mid-character or holds invalid characters (was it cut short?); ${SAVE_AS} again`);
    }
  } else {
    const binary = binaryKind(bytes);
    if (binary) return fail(binary);
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      // Not UTF-8: Excel's plain "CSV" on Windows writes Windows-1252. Reading it as such keeps
      // "café" intact instead of turning it into "caf\uFFFD" and sending that to a model.
      text = decodeWindows1252(bytes);
    }
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  }
  // UTF-32, or UTF-16 with a header that is not plain text: NULs would reach the model as text.
  if (text.includes('\0')) fail(`contains NUL characters, so it is not a text export Excel or Sheets would write; ${SAVE_AS}`);
  return text;
}

/**
 * The length of the byte-order mark (0 or 3) of bytes that decodeText would read as UTF-8 without
 * complaint; undefined for anything else (UTF-16, Windows-1252, binary, NULs), which decodeText
 * then decodes or refuses with its message. Checked on the bytes a megabyte at a time, without
 * making a string or holding the file.
 */
export function plainUtf8(bytes: ByteRange): number | undefined {
  const head = bytes.range(0, Math.min(bytes.length, 4096));
  if (utf16Encoding(head) || binaryKind(head) || !utf8WithoutNul(bytes, 0)) return undefined;
  return head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
}

/**
 * UTF-16 by its byte-order mark (`FF FE` little-endian, as Excel writes it; `FE FF` big-endian), or,
 * without one, by the zero byte beside the characters of the header row. Header names are mostly
 * ASCII (`input`, `id`), so in UTF-16 nearly every pair has a zero in the same half, a pattern no
 * UTF-8 or Windows-1252 export can show: neither ever has a zero byte. So the file is read, not
 * refused; a binary file that happens to match still fails the NUL check after decoding.
 */
function utf16Encoding(bytes: Uint8Array): { encoding: 'utf-16le' | 'utf-16be'; bom: boolean } | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bom: true };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bom: true };
  let pairs = 0;
  let lowZeros = 0;
  let highZeros = 0;
  for (let i = 0; i + 1 < Math.min(bytes.length, 512); i += 2) {
    pairs += 1;
    if (bytes[i + 1] === 0) lowZeros += 1;
    if (bytes[i] === 0) highZeros += 1;
    if ((bytes[i] === 0x0a && bytes[i + 1] === 0) || (bytes[i] === 0 && bytes[i + 1] === 0x0a)) break;
  }
  const looksLike = (zeros: number, others: number) => pairs >= 2 && zeros >= pairs * 0.7 && others <= pairs * 0.1;
  if (looksLike(lowZeros, highZeros)) return { encoding: 'utf-16le', bom: false };
  if (looksLike(highZeros, lowZeros)) return { encoding: 'utf-16be', bom: false };
  return undefined;
}

/** What a binary file saved under a text extension probably is, or undefined for text. */
function binaryKind(bytes: Uint8Array): string | undefined {
  const starts = (...magic: number[]) => magic.every((byte, i) => bytes[i] === byte);
  if (starts(0x50, 0x4b, 0x03, 0x04)) return `is a zip file, not text: probably an .xlsx workbook with the wrong extension; rename it to .xlsx, or ${SAVE_AS}`;
  if (starts(0xd0, 0xcf, 0x11, 0xe0)) return `is an old Excel .xls workbook (or another binary file), not text; ${SAVE_AS}`;
  if (bytes.subarray(0, 4096).includes(0)) return `is not a text file (it has zero bytes); ${SAVE_AS}`;
  return undefined;
}

// Windows-1252 is Latin-1 except for 0x80–0x9F, where it has € ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ.
// Node's TextDecoder without full ICU reads those bytes as control characters, so map them here.
const CP1252_HIGH =
  '\u20ac\ufffd\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\ufffd\u017d\ufffd\ufffd\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\ufffd\u017e\u0178';

function decodeWindows1252(bytes: Uint8Array): string {
  return Buffer.from(bytes)
    .toString('latin1')
    .replace(/[\x80-\x9f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]);
}

/** `\r\n` and lone `\r` inside a cell become `\n`, so a CSV and a workbook with the same text agree. */
export function normalizeNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}
