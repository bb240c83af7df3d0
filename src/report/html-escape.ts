import { showControls } from '../text/visible-controls.js';

// Everything a report shows from a dataset or a model is untrusted. These are the only ways such
// text enters report.html: as escaped text/attribute values, or as JSON inside a data script.
// Escaped text also shows every control and bidi character as its code point (Trojan Source): a
// U+202E in a model's output must not reorder what a reviewer reads, and must be seen to be there.

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

const escapeEntities = (value: string | number) => String(value).replace(/[&<>"']/g, (c) => ENTITIES[c]);

/**
 * Safe anywhere: a quoted attribute value, <title>, <option>, SVG text, or element content. `&<>"'`
 * escaped, so it can never open a tag or end an attribute; controls as the text `<U+202E>`.
 */
export function escapeHtml(value: string | number): string {
  return escapeEntities(showControls(String(value)));
}

/**
 * Element content only (never an attribute, <title>, <option> or SVG): as escapeHtml, but each
 * control is a styled `<span class="control">U+202E</span>` that reads as a marker, not as text.
 */
export function escapeHtmlText(value: string | number): string {
  return showControls(escapeEntities(value), (label) => `<span class="control">${label}</span>`);
}

/**
 * JSON for `<script type="application/json">`: `<` escaped as \u003c so no value can write
 * `</script>` or `<!--`; U+2028/U+2029 escaped so the text is also a valid JS string if ever eval'd.
 * The data keeps its characters as they are: it is read by tools, never shown.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
