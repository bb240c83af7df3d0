import { quote } from '../format.js';
import type { Edit } from './edit-calls.js';

// A targeted edit's pattern is literal text, not a regular expression: the model copies a passage
// from the document, and a `.` or `(` in prose or code must mean itself. It must occur exactly once,
// or the edit is ambiguous (the product would have to guess which one) or lands nowhere.

/** Start positions of `pattern` in `text`, overlapping ones included ("aa" is in "aaa" twice). */
export function occurrences(text: string, pattern: string): number[] {
  const found: number[] = [];
  if (pattern === '') return found;
  for (let at = text.indexOf(pattern); at !== -1; at = text.indexOf(pattern, at + 1)) found.push(at);
  return found;
}

const loose = (text: string): string => text.replace(/\s+/g, ' ').trim().toLowerCase();

/** Why a pattern does not land once; undefined when it does. */
function patternProblem(document: string, pattern: string): string | undefined {
  if (pattern === '') return 'pattern is empty';
  const count = occurrences(document, pattern).length;
  if (count === 1) return undefined;
  if (count > 1) return `pattern found ${count} times: ${quote(pattern, 60)}`;
  // The usual near miss: the model retyped the passage with other capitals or line breaks.
  const hint = loose(document).includes(loose(pattern)) ? ' (it matches only when case and spacing are ignored)' : '';
  return `pattern not found: ${quote(pattern, 60)}${hint}`;
}

export type Applied = { ok: true; after: string; targeted: number; rewrites: number } | { ok: false; reason: string };

/**
 * The document after the edits, applied in order (a later pattern is looked for in the text the
 * earlier edits left). The replacement is literal too: `$1` in it is just text.
 */
export function applyEdits(before: string, edits: Edit[]): Applied {
  let text = before;
  let targeted = 0;
  let rewrites = 0;
  for (const [index, edit] of edits.entries()) {
    if (edit.kind === 'rewrite') {
      text = edit.content;
      rewrites++;
      continue;
    }
    const problem = patternProblem(text, edit.pattern);
    if (problem) return { ok: false, reason: edits.length > 1 ? `edit ${index + 1} of ${edits.length}: ${problem}` : problem };
    const at = text.indexOf(edit.pattern);
    text = text.slice(0, at) + edit.replacement + text.slice(at + edit.pattern.length);
    targeted++;
  }
  return { ok: true, after: text, targeted, rewrites };
}
