// Everything a report shows from a dataset or a model is untrusted. These are the only two ways
// such text enters report.html: as escaped text/attribute values, or as JSON inside a data script.

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text or a quoted attribute value: `&<>"'` escaped, so it can never open a tag or end an attribute. */
export function escapeHtml(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/**
 * JSON for `<script type="application/json">`: `<` escaped as \u003c so no value can write
 * `</script>` or `<!--`; U+2028/U+2029 escaped so the text is also a valid JS string if ever eval'd.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
