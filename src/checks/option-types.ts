import * as z from 'zod';
import { LABEL_HELP, parseLabel } from '../dataset/labels.js';
import { builtOnFirstUse } from '../schema/built-on-first-use.js';

// Option types shared by check schemas. Options often come from `{{column}}` templates, which
// always render to text, so numbers and labels accept their text forms too. Error messages quote
// the bad value because the registry shows them under the column that produced it.

/** A yes/no label: a YAML boolean, 1/0, or yes/no/true/false/y/n text. */
export const labelOption = builtOnFirstUse(() =>
  z.union([z.boolean(), z.number(), z.string()]).transform((value, ctx) => {
    if (typeof value === 'boolean') return value;
    const parsed = parseLabel(String(value));
    if (parsed === undefined) {
      ctx.addIssue({ code: 'custom', message: `${JSON.stringify(String(value))} ${LABEL_HELP}`, input: value });
      return z.NEVER;
    }
    return parsed;
  }),
);

/** A non-negative number, from YAML or from text such as "1500" or "1,500". */
export const numberOption = builtOnFirstUse(() =>
  z.union([z.number(), z.string()]).transform((value, ctx) => {
    const number = typeof value === 'number' ? value : Number(value.replace(/[,_\s]/g, ''));
    if (typeof value === 'string' && value.trim() === '') {
      ctx.addIssue({ code: 'custom', message: 'is empty, expected a number', input: value });
      return z.NEVER;
    }
    if (!Number.isFinite(number) || number < 0) {
      ctx.addIssue({ code: 'custom', message: `${JSON.stringify(value)} is not a number of at least 0`, input: value });
      return z.NEVER;
    }
    return number;
  }),
);

/** Text to compare against; YAML scalars such as `42` or `true` are taken as their text. */
export const textOption = builtOnFirstUse(() => z.union([z.string(), z.number(), z.boolean()]).transform((value) => String(value)));

/** A regular expression source, checked for syntax when the suite loads. */
export const patternOption = builtOnFirstUse(() =>
  z.string().superRefine((pattern, ctx) => {
    try {
      new RegExp(pattern);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: `${JSON.stringify(pattern)} is not a valid regular expression (${(error as Error).message})` });
    }
  }),
);

/** Regular expression flags such as "i" or "ms". */
export const flagsOption = builtOnFirstUse(() => z.string().regex(/^[dgimsuvy]*$/, 'flags are letters among d, g, i, m, s, u, v, y'));
