import * as z from 'zod';
import { DOCUMENT_COLUMN_OPTIONS, editToolOptions } from './edits/edit-calls.js';
import { locatePart, partName, type PartSpec } from './edits/document-parts.js';
import { appliedEdits } from './edits/edit-result.js';
import { unifiedDiff } from './edits/edit-diff.js';
import { scopeVerdict } from './edits/scope.js';
import type { CheckDefinition } from './types.js';
import { builtOnFirstUse } from '../schema/built-on-first-use.js';

/** A paragraph number from YAML or a column (1 is the first); null for an empty cell: this row names no paragraph. */
const paragraphOption = builtOnFirstUse(() =>
  z.union([z.number(), z.string()]).transform((value, ctx) => {
    if (typeof value === 'string' && value.trim() === '') return null;
    const number = typeof value === 'number' ? value : Number(value.trim());
    if (!Number.isInteger(number) || number < 1) ctx.addIssue({ code: 'custom', message: `${JSON.stringify(value)} is not a paragraph number: paragraphs are numbered from 1`, input: value });
    return number;
  }),
);

const PARTS = ['paragraph', 'section', 'target'] as const;

const options = builtOnFirstUse(() =>
  z
    .strictObject({
      ...editToolOptions(),
      paragraph: paragraphOption().optional(),
      section: z.string().optional(),
      target: z.string().optional(),
    })
    .superRefine((value, ctx) => {
      const written = PARTS.filter((key) => value[key] !== undefined);
      const filled = PARTS.filter((key) => filledPart(value, key));
      if (written.length === 0) ctx.addIssue({ code: 'custom', message: 'needs the part that may change: paragraph, section or target' });
      if (filled.length > 1) ctx.addIssue({ code: 'custom', message: `name one part: paragraph, section or target, not ${filled.join(' and ')}` });
      if (filled.length !== 1) return;
      // The document is known once the case's columns are rendered: a part it does not have is the row's mistake.
      const located = locatePart(value.document, partOf(value)!);
      if (!located.ok) ctx.addIssue({ code: 'custom', message: located.message, path: [filled[0]] });
    }),
);

type Options = z.infer<ReturnType<typeof options>>;
type PartOptions = { paragraph?: number | null; section?: string; target?: string };

function filledPart(options: PartOptions, key: (typeof PARTS)[number]): boolean {
  const value = options[key];
  return key === 'paragraph' ? typeof value === 'number' : typeof value === 'string' && value.trim() !== '';
}

/** The part this row names; undefined when its cells for all three are empty (a rewrite of everything). */
function partOf(options: PartOptions): PartSpec | undefined {
  if (filledPart(options, 'paragraph')) return { paragraph: options.paragraph! };
  if (filledPart(options, 'section')) return { section: options.section! };
  if (filledPart(options, 'target')) return { target: options.target! };
  return undefined;
}

/**
 * After the edit(s), only the part the user named changed: a paragraph by number, a markdown
 * heading's section, or a passage given as `target` (usually a column); every other byte of the
 * document is as it was. Catches "made the wrong paragraph friendlier" and the rewrite that quietly
 * reflowed the rest. With no edit it does not apply (`edit-kind` judges whether to edit at all), nor on a
 * row whose paragraph, section and target cells are all empty (a request to change everything).
 */
export const editScopeCheck: CheckDefinition<Options> = {
  type: 'edit-scope',
  description: 'Only the named part changed (paragraph: N, section: "Heading" or target: text); everything else is byte-identical.',
  get options() {
    return options();
  },
  columnOptions: DOCUMENT_COLUMN_OPTIONS,
  // Rows name their part in one of three columns and leave the other two empty.
  mayBeEmpty: PARTS,
  judgesArgumentsOf: (options) => [options.update_tool, options.rewrite_tool],
  async run(output, options) {
    const applied = appliedEdits(output, options);
    if (applied.ok === 'none') return { pass: true, reason: 'not applicable (no edit)' };
    if (!applied.ok) return { pass: false, reason: `the edit does not apply: ${applied.reason}` };
    const part = partOf(options);
    if (!part) return { pass: true, reason: 'not applicable (the row names no part)' };
    const located = locatePart(options.document, part);
    if (!located.ok) return { pass: false, error: true, reason: located.message };
    const verdict = scopeVerdict(options.document, applied.after, located.span, partName(part));
    const diff = await unifiedDiff(options.document, applied.after);
    return diff ? { ...verdict, diff } : verdict;
  },
};
