import * as z from 'zod';
import { DOCUMENT_COLUMN_OPTIONS, editToolOptions } from './edits/edit-calls.js';
import { appliedEdits } from './edits/edit-result.js';
import { unifiedDiff } from './edits/edit-diff.js';
import type { CheckDefinition } from './types.js';
import { builtOnFirstUse } from '../schema/built-on-first-use.js';

const options = builtOnFirstUse(() => z.strictObject(editToolOptions()));

type Options = z.infer<ReturnType<typeof options>>;

/**
 * A targeted edit lands: each `update_document` pattern is found in the document exactly once, as
 * literal text (the text the previous edits left, when there are several). Not found means the edit
 * does nothing; found twice means the product must guess where it goes. A rewrite needs no pattern.
 */
export const editAppliesCheck: CheckDefinition<Options> = {
  type: 'edit-applies',
  description: "Each targeted edit's pattern (literal text) occurs in the document exactly once.",
  get options() {
    return options();
  },
  columnOptions: DOCUMENT_COLUMN_OPTIONS,
  judgesArgumentsOf: (options) => [options.update_tool, options.rewrite_tool],
  async run(output, options) {
    const applied = appliedEdits(output, options);
    if (applied.ok === 'none') return { pass: true, reason: 'not applicable (no edit)' };
    if (!applied.ok) return { pass: false, reason: applied.reason };
    const diff = await unifiedDiff(options.document, applied.after);
    const extra = diff ? { diff } : {};
    if (applied.targeted === 0) return { pass: true, reason: 'not applicable (a rewrite, no pattern to match)', ...extra };
    const edits = applied.targeted === 1 ? 'pattern found once' : `${applied.targeted} edits, each pattern found once`;
    return { pass: true, reason: diff ? edits : `${edits}, but the edit changes nothing`, ...extra };
  },
};
