// Model output and dataset text are untrusted. In Markdown they must not become links, images,
// HTML, @mentions, math or extra table columns, so every character with a meaning is escaped.

const HTML = /[&<>]/g;
const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
// Backslash escapes GFM honours for ASCII punctuation: links, emphasis, code, tables, math, mentions.
const MARKDOWN = /[\\`*_[\]()|~$!#@]/g;

function escapeMarkdownChars(text: string): string {
  return text.replace(HTML, (c) => HTML_ENTITIES[c]).replace(MARKDOWN, (c) => `\\${c}`);
}

/** Text inside a table cell: one line (newlines become `<br>`), pipes escaped. */
export function markdownCell(text: string): string {
  return text.replace(/\r\n?/g, '\n').trim().split('\n').map(escapeMarkdownChars).join('<br>');
}

/** Text in a sentence or list item: one line, no markup. */
export function markdownInline(text: string): string {
  return escapeMarkdownChars(text.replace(/\s*[\r\n]+\s*/g, ' ').trim());
}

/** A code span that no backtick in the text can close early. */
export function markdownCode(text: string): string {
  const clean = text.replace(/[\r\n]+/g, ' ');
  const longest = Math.max(0, ...(clean.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${clean.startsWith('`') || clean.endsWith('`') ? ` ${clean} ` : clean}${fence}`;
}
