import { occurrences } from './apply-edits.js';

// The parts of a document a user names when asking for an edit: "the second paragraph", "the Intro
// section", or a passage quoted in the sheet. A paragraph is a blank-line separated block, so a
// markdown heading line or a code block counts as one; numbering starts at 1.

export interface Span {
  start: number;
  end: number;
}

/** What part of the document may change, as the suite names it. */
export type PartSpec = { paragraph: number } | { section: string } | { target: string };

/** Character spans of the paragraphs, in order (the blank lines between them belong to none). */
export function paragraphs(text: string): Span[] {
  const spans: Span[] = [];
  const separator = /\n[ \t]*\n(?:[ \t]*\n)*/g;
  let start = 0;
  const push = (end: number): void => {
    // Leading or trailing blank lines at the document's edges are not paragraphs.
    const slice = text.slice(start, end);
    const lead = slice.length - slice.trimStart().length;
    const trimmed = slice.trim();
    if (trimmed !== '') spans.push({ start: start + lead, end: start + lead + trimmed.length });
  };
  for (const match of text.matchAll(separator)) {
    push(match.index);
    start = match.index + match[0].length;
  }
  push(text.length);
  return spans;
}

const HEADING = /^(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$/gm;

/** Markdown (ATX) headings: level, text and where the line starts. */
function headings(text: string): Array<{ level: number; title: string; start: number }> {
  return [...text.matchAll(HEADING)].map((match) => ({ level: match[1].length, title: match[2].trim(), start: match.index }));
}

/** A heading's section: its line through the last text before the next heading of the same or a higher level. */
function sectionSpans(text: string, title: string): Span[] {
  const all = headings(text);
  const wanted = title.trim().toLowerCase();
  return all.flatMap((heading, i) => {
    if (heading.title.toLowerCase() !== wanted) return [];
    const next = all.slice(i + 1).find((other) => other.level <= heading.level);
    const end = heading.start + text.slice(heading.start, next?.start ?? text.length).trimEnd().length;
    return [{ start: heading.start, end }];
  });
}

/** How the part reads in a reason: `paragraph 2`, `section "Intro"`, `"the old title"`. */
export function partName(part: PartSpec): string {
  if ('paragraph' in part) return `paragraph ${part.paragraph}`;
  if ('section' in part) return `section ${JSON.stringify(part.section.trim())}`;
  const flat = part.target.replace(/\s+/g, ' ').trim();
  return JSON.stringify(flat.length > 40 ? `${flat.slice(0, 39)}…` : flat);
}

/** Where the part is in the document, or why the sheet names a part the document does not have. */
export function locatePart(document: string, part: PartSpec): { ok: true; span: Span } | { ok: false; message: string } {
  if ('paragraph' in part) {
    const spans = paragraphs(document);
    if (part.paragraph <= spans.length) return { ok: true, span: spans[part.paragraph - 1] };
    return { ok: false, message: `the document has ${spans.length} paragraph${spans.length === 1 ? '' : 's'}, so there is no paragraph ${part.paragraph}` };
  }
  if ('section' in part) {
    const spans = sectionSpans(document, part.section);
    if (spans.length === 1) return { ok: true, span: spans[0] };
    const titles = headings(document).map((heading) => JSON.stringify(heading.title));
    if (spans.length === 0)
      return { ok: false, message: `the document has no heading ${JSON.stringify(part.section.trim())}${titles.length ? ` (its headings: ${titles.join(', ')})` : ' (it has no markdown headings)'}` };
    return { ok: false, message: `the document has ${spans.length} headings ${JSON.stringify(part.section.trim())}, so the section is ambiguous` };
  }
  const found = occurrences(document, part.target);
  if (found.length === 1) return { ok: true, span: { start: found[0], end: found[0] + part.target.length } };
  if (found.length === 0) return { ok: false, message: `the target text is not in the document: ${partName(part)}` };
  return { ok: false, message: `the target text is in the document ${found.length} times, so it does not name one place: ${partName(part)}` };
}
