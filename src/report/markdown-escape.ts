import { showControls } from '../text/visible-controls.js';

// Model output and dataset text are untrusted. In Markdown they must not become links, images,
// HTML, @mentions, math or extra table columns, so every character with a meaning is escaped.
// GitHub turns `\@octocat` and `\#123` into a mention and an issue link all the same, and links bare
// URLs: those are broken by a zero-width space (as an entity, so the source stays readable), which
// no mention, reference or autolink matches across. Controls and bidi overrides are shown as code points.

const HTML = /[&<>]/g;
const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
// Backslash escapes GFM honours for ASCII punctuation: links, emphasis, code, tables, math, mentions.
const MARKDOWN = /[\\`*_[\]()|~$!#@]/g;

const ZWSP = '&#8203;';
// After escaping: `\@name`, `\#12`, `https://`, `www.`.
const LIVE = /(\\[@#])(?=\w)|(?<=\b(?:https?|ftp)):(?=\/\/)|(?<=\bwww)\.(?=\w)/gi;

function escapeMarkdownChars(text: string): string {
  return showControls(text, (label) => `[${label}]`)
    .replace(HTML, (c) => HTML_ENTITIES[c])
    .replace(MARKDOWN, (c) => `\\${c}`)
    .replace(LIVE, (match) => `${match}${ZWSP}`);
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
  // Nothing in a code span is a link or mention; controls would still reach the reader.
  const clean = showControls(text.replace(/[\r\n]+/g, ' '), (label) => `[${label}]`);
  const longest = Math.max(0, ...(clean.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${clean.startsWith('`') || clean.endsWith('`') ? ` ${clean} ` : clean}${fence}`;
}

/**
 * One of our own sentences (a gate failure, a warning, a note) that quotes commands in backticks:
 * `` run `evals judge <run>` `` keeps its code span, and the rest, which may quote data, is escaped
 * as markdownInline. An unpaired backtick is text.
 */
export function markdownNote(text: string): string {
  const parts = text
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .trim()
    .split(/`([^`]+)`/);
  return parts.map((part, i) => (i % 2 ? markdownCode(part) : escapeMarkdownChars(part))).join('');
}
