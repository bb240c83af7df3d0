// XML 1.0 forbids most C0 controls, lone surrogates, U+FFFE and U+FFFF even when escaped, and model
// output or a pasted cell can hold any of them; one such character makes the whole file unreadable.
const ILLEGAL_XML = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/**
 * Text with every character XML 1.0 forbids replaced by U+FFFD (�). Replaced, not dropped, so a reader
 * sees that something was there. Every XML report (junit.xml, results.xlsx) goes through this one function.
 */
export function xmlSafe(value: string): string {
  return value.replace(ILLEGAL_XML, '\uFFFD');
}

/** Text content: forbidden characters replaced, markup characters escaped. */
export function xmlText(value: string): string {
  return xmlSafe(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An attribute value: as text, plus quotes, and whitespace kept as references so parsers do not fold it. */
export function xmlAttr(value: string): string {
  return xmlText(value).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}
