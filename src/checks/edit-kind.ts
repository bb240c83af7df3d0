import * as z from 'zod';
import { editKindOf, editToolOptions, DOCUMENT_COLUMN_OPTIONS, type EditKind } from './edits/edit-calls.js';
import { editDiff } from './edits/edit-result.js';
import type { CheckDefinition } from './types.js';
import { builtOnFirstUse } from '../schema/built-on-first-use.js';

const KINDS = ['targeted', 'rewrite', 'none'] as const;

/** The label a PM types: targeted, rewrite or none, in any capitals. */
const kindOption = builtOnFirstUse(() =>
  z.string().transform((value, ctx) => {
    const kind = value.trim().toLowerCase();
    if ((KINDS as readonly string[]).includes(kind)) return kind as (typeof KINDS)[number];
    ctx.addIssue({ code: 'custom', message: `${JSON.stringify(value)} is not an edit kind: use targeted, rewrite or none`, input: value });
    return z.NEVER;
  }),
);

const options = builtOnFirstUse(() => z.strictObject({ ...editToolOptions(), expect: kindOption() }));

type Options = z.infer<ReturnType<typeof options>>;

const WORDS: Record<EditKind, string> = { targeted: 'a targeted edit', rewrite: 'a rewrite', none: 'no edit', mixed: 'both a targeted edit and a rewrite' };

function calls(kind: EditKind, options: Options): string {
  if (kind === 'targeted') return ` (${options.update_tool})`;
  if (kind === 'rewrite') return ` (${options.rewrite_tool})`;
  return '';
}

/**
 * How the system chose to edit: a targeted `update_document` for a local change ("fix the typo in the
 * title"), a whole `rewrite_document` for a global one ("make it more formal"), or no edit at all, against
 * the case's `edit_kind` label. Use beside `edit-applies` and `edit-scope`, which say whether the edit
 * itself was right.
 */
export const editKindCheck: CheckDefinition<Options> = {
  type: 'edit-kind',
  description: 'The edit was targeted (update_document), a rewrite (rewrite_document) or none, as the `expect` label says.',
  get options() {
    return options();
  },
  columnOptions: DOCUMENT_COLUMN_OPTIONS,
  async run(output, options) {
    const kind = editKindOf(output, options);
    const diff = await editDiff(output, options);
    const verdict =
      kind === options.expect
        ? { pass: true, reason: `${WORDS[kind]}${calls(kind, options)}` }
        : { pass: false, reason: `expected ${WORDS[options.expect]}, got ${WORDS[kind]}${calls(kind, options)}` };
    return diff ? { ...verdict, diff } : verdict;
  },
};
