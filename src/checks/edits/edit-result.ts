import type { Output } from '../../types.js';
import { applyEdits, type Applied } from './apply-edits.js';
import { editsOf, type EditTools } from './edit-calls.js';
import { unifiedDiff } from './edit-diff.js';

/** The output's edits applied to the document, or why they cannot be; `none` when it made no edit. */
export function appliedEdits(output: Output, options: EditTools & { document: string }): Applied | { ok: 'none' } {
  const read = editsOf(output, options);
  if (!read.ok) return read;
  if (read.edits.length === 0) return { ok: 'none' };
  return applyEdits(options.document, read.edits);
}

/** The applied edit as a unified diff for the reports, or undefined when it cannot be applied or changes nothing. */
export async function editDiff(output: Output, options: EditTools & { document: string }): Promise<string | undefined> {
  const applied = appliedEdits(output, options);
  if (applied.ok !== true) return undefined;
  return (await unifiedDiff(options.document, applied.after)) || undefined;
}
