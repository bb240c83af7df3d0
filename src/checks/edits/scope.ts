import { paragraphs, type Span } from './document-parts.js';

// Whether an edit stayed inside the part the user named. Everything outside that part must be
// byte-identical: a rewrite that "only changed paragraph 2" but also re-wrapped paragraph 4 or dropped
// the final newline changed the user's document where they did not ask, and that is what we report.

const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

function commonSuffix(a: string, b: string, limit: number): number {
  let i = 0;
  while (i < limit && a[a.length - 1 - i] === b[b.length - 1 - i]) i++;
  return i;
}

const within = (inner: Span, outer: Span): boolean => inner.start >= outer.start && inner.end <= outer.end;
const overlaps = (a: Span, b: Span): boolean => a.start < b.end && b.start < a.end;

/** Where position `at` of the original document is, in the words of a reason. */
function placeOf(text: string, at: number): string {
  const spans = paragraphs(text);
  const index = spans.findIndex((span) => at >= span.start && at < span.end);
  if (index !== -1) return `paragraph ${index + 1}`;
  const after = spans.filter((span) => span.end <= at).length;
  if (after === 0) return 'the start of the document';
  if (after === spans.length) return 'the end of the document';
  return `the blank lines after paragraph ${after}`;
}

/** Paragraph by paragraph, when the edit kept the number of paragraphs: every one that changed outside the part. */
function pairwiseChanges(before: string, after: string, part: Span): string[] | undefined {
  const was = paragraphs(before);
  const now = paragraphs(after);
  if (was.length !== now.length || was.length === 0) return undefined;
  const changes: string[] = [];
  const describe = (name: string, old: string, current: string): void => {
    if (old !== current) changes.push(`${name} changed${collapse(old) === collapse(current) ? ' (whitespace only)' : ''}`);
  };
  const gap = (spans: Span[], i: number, text: string): Span => ({ start: i === 0 ? 0 : spans[i - 1].end, end: i === spans.length ? text.length : spans[i].start });
  for (let i = 0; i <= was.length; i++) {
    // The blank lines before paragraph i+1 (or the document's end).
    const oldGap = gap(was, i, before);
    if (!within(oldGap, part)) {
      const name = i === 0 ? 'the start of the document' : i === was.length ? 'the end of the document' : `the blank lines after paragraph ${i}`;
      const newGap = gap(now, i, after);
      if (oldGap.end > oldGap.start || newGap.end > newGap.start) describe(name, before.slice(oldGap.start, oldGap.end), after.slice(newGap.start, newGap.end));
    }
    if (i === was.length) break;
    // A paragraph the part covers only in part (a quoted target) is left to the character walk below.
    if (overlaps(was[i], part)) continue;
    describe(`paragraph ${i + 1}`, before.slice(was[i].start, was[i].end), after.slice(now[i].start, now[i].end));
  }
  return changes;
}

/** Whether `after` is `before` without the part and the blank lines before (or after) it. */
function removedWhole(before: string, after: string, part: Span): boolean {
  const spans = paragraphs(before);
  const previousEnd = Math.max(0, ...spans.filter((span) => span.end <= part.start).map((span) => span.end));
  const nextStart = Math.min(before.length, ...spans.filter((span) => span.start >= part.end).map((span) => span.start));
  const without = (start: number, end: number): string => before.slice(0, start) + before.slice(end);
  return after === without(previousEnd, part.end) || after === without(part.start, nextStart);
}

/**
 * Pass when the edited document differs from the original only inside `part` (a span of the original),
 * and the part did change. The reason names the part and, on a fail, what else changed.
 */
export function scopeVerdict(before: string, after: string, part: Span, name: string): { pass: boolean; reason: string } {
  if (before === after) return { pass: false, reason: 'the document did not change' };
  const prefix = before.slice(0, part.start);
  const suffix = before.slice(part.end);
  if (after.length >= prefix.length + suffix.length && after.startsWith(prefix) && after.endsWith(suffix)) {
    return { pass: true, reason: `only ${name} changed` };
  }
  // Deleting the part takes the blank lines on one side of it too; that is still only the part.
  if (removedWhole(before, after, part)) return { pass: true, reason: `only ${name} changed (removed)` };
  const head = commonPrefix(before, after);
  const tail = commonSuffix(before, after, Math.min(before.length, after.length) - head);
  const partUnchanged = head >= part.end || tail >= before.length - part.start;
  let changes = pairwiseChanges(before, after, part);
  if (!changes?.length) {
    const wsOnly = before.replace(/\s+/g, '') === after.replace(/\s+/g, '');
    const places = new Set<string>();
    if (head < part.start) places.add(placeOf(before, head));
    if (tail < before.length - part.end) places.add(placeOf(before, Math.max(part.end, before.length - tail - 1)));
    changes = [...places].map((place) => `${place} changed${wsOnly ? ' (whitespace only)' : ''}`);
  }
  const list = changes.join(', ');
  return { pass: false, reason: partUnchanged ? `${list}; ${name} did not` : `${list}, outside ${name}` };
}
