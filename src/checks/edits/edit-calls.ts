import * as z from 'zod';
import type { Output } from '../../types.js';
import { builtOnFirstUse } from '../../schema/built-on-first-use.js';

// The two ways a canvas edits its document, as tool calls: a targeted `update_document(pattern,
// replacement)` that swaps one passage, or a `rewrite_document(content)` that replaces everything.
// Products name their tools differently, so each name is an option with the canvas name as default.

/** Options shared by the edit checks: which tool calls are edits, and which arguments they carry (built on first use, as each check's schema is). */
export const editToolOptions = builtOnFirstUse(() => {
  const name = z.string().trim().min(1);
  return {
    /** The document before the edit: a column name (default `document`) or `"{{column}}"`. */
    document: z.string(),
    update_tool: name.default('update_document'),
    pattern_arg: name.default('pattern'),
    replacement_arg: name.default('replacement'),
    rewrite_tool: name.default('rewrite_document'),
    content_arg: name.default('content'),
  };
});

/** The option that names the document's column, and the column read when the suite names none. */
export const DOCUMENT_COLUMN_OPTIONS = { document: 'document' } as const;

export interface EditTools {
  update_tool: string;
  pattern_arg: string;
  replacement_arg: string;
  rewrite_tool: string;
  content_arg: string;
}

export type Edit = { kind: 'targeted'; pattern: string; replacement: string } | { kind: 'rewrite'; content: string };

export type EditKind = 'targeted' | 'rewrite' | 'none' | 'mixed';

/** A tool argument as text; numbers and booleans are what a recorded `pattern: 42` parses to. */
function argumentText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/**
 * The output's edit calls in order, or why one cannot be read (an update without a pattern is a broken
 * edit, not an edit of nothing). Calls to other tools are ignored.
 */
export function editsOf(output: Output, tools: EditTools): { ok: true; edits: Edit[] } | { ok: false; reason: string } {
  const edits: Edit[] = [];
  for (const call of output.toolCalls) {
    if (call.name === tools.update_tool) {
      const pattern = argumentText(call.arguments[tools.pattern_arg]);
      const replacement = argumentText(call.arguments[tools.replacement_arg]);
      if (pattern === undefined) return { ok: false, reason: `${call.name} has no text argument "${tools.pattern_arg}"` };
      if (replacement === undefined) return { ok: false, reason: `${call.name} has no text argument "${tools.replacement_arg}"` };
      edits.push({ kind: 'targeted', pattern, replacement });
    } else if (call.name === tools.rewrite_tool) {
      const content = argumentText(call.arguments[tools.content_arg]);
      if (content === undefined) return { ok: false, reason: `${call.name} has no text argument "${tools.content_arg}"` };
      edits.push({ kind: 'rewrite', content });
    }
  }
  return { ok: true, edits };
}

/** Targeted, rewrite, none, or mixed when one answer did both. */
export function editKindOf(output: Output, tools: EditTools): EditKind {
  const targeted = output.toolCalls.some((call) => call.name === tools.update_tool);
  const rewrite = output.toolCalls.some((call) => call.name === tools.rewrite_tool);
  if (targeted && rewrite) return 'mixed';
  return targeted ? 'targeted' : rewrite ? 'rewrite' : 'none';
}
