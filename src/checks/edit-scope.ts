import { z } from 'zod';
import { DOCUMENT_COLUMN_OPTIONS, editToolOptions } from './edits/edit-calls.js';
import { locatePart, partName, type PartSpec } from './edits/document-parts.js';
import { appliedEdits } from './edits/edit-result.js';
import { unifiedDiff } from './edits/edit-diff.js';
import { scopeVerdict } from './edits/scope.js';
import type { CheckDefinition } from './types.js';

/** A paragraph number from YAML or a column: 1 is the first. */
const paragraphOption = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const number = typeof value === 'number' ? value : Number(value.trim());
  if (typeof value === 'string' && value.trim() === '') ctx.addIssue({ code: 'custom', message: 'is empty, expected a paragraph number', input: value });
  else if (!Number.isInteger(number) || number < 1) ctx.addIssue({ code: 'custom', message: `${JSON.stringify(value)} is not a paragraph number: paragraphs are numbered from 1`, input: value });
  return number;
});

const options = z
  .strictObject({
    ...editToolOptions,
    paragraph: paragraphOption.optional(),
    section: z.string().trim().min(1).optional(),
    target: z.string().min(1).optional(),
  })
  .superRefine((value, ctx) => {
    const given = (['paragraph', 'section', 'target'] as const).filter((key) => value[key] !== undefined);
    if (given.length !== 1) {
      ctx.addIssue({ code: 'custom', message: given.length ? `use one of paragraph, section or target, not ${given.join(' and ')}` : 'needs the part that may change: paragraph, section or target' });
      return;
    }
    // The document is known once the case's columns are rendered: a part it does not have is the row's mistake.
    const located = locatePart(value.document, partOf(value));
    if (!located.ok) ctx.addIssue({ code: 'custom', message: located.message, path: [given[0]] });
  });

type Options = z.infer<typeof options>;

function partOf(options: { paragraph?: number; section?: string; target?: string }): PartSpec {
  if (options.paragraph !== undefined) return { paragraph: options.paragraph };
  if (options.section !== undefined) return { section: options.section };
  return { target: options.target ?? '' };
}

/**
 * After the edit(s), only the part the user named changed: a paragraph by number, a markdown
 * heading's section, or a passage given as `target` (usually a column); every other byte of the
 * document is as it was. Catches "made the wrong paragraph friendlier" and the rewrite that quietly
 * reflowed the rest. With no edit it does not apply: `edit-kind` judges whether to edit at all.
 */
export const editScopeCheck: CheckDefinition<Options> = {
  type: 'edit-scope',
  description: 'Only the named part changed (paragraph: N, section: "Heading" or target: text); everything else is byte-identical.',
  options,
  columnOptions: DOCUMENT_COLUMN_OPTIONS,
  run(output, options) {
    const applied = appliedEdits(output, options);
    if (applied.ok === 'none') return { pass: true, reason: 'not applicable (no edit)' };
    if (!applied.ok) return { pass: false, reason: applied.reason };
    const part = partOf(options);
    const located = locatePart(options.document, part);
    if (!located.ok) return { pass: false, error: true, reason: located.message };
    const verdict = scopeVerdict(options.document, applied.after, located.span, partName(part));
    const diff = unifiedDiff(options.document, applied.after);
    return diff ? { ...verdict, diff } : verdict;
  },
};
