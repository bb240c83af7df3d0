// Spreadsheet exports arrive as UTF-8 with or without a BOM, and Excel's "Unicode text" as UTF-16.

/** Decode a text dataset file, dropping any byte-order mark. */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Not UTF-8: Excel's plain "CSV" on Windows writes Windows-1252. Reading it as such keeps
    // "café" intact instead of turning it into "caf\uFFFD" and sending that to a model.
    return new TextDecoder('windows-1252').decode(bytes);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** `\r\n` and lone `\r` inside a cell become `\n`, so a CSV and a workbook with the same text agree. */
export function normalizeNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}
