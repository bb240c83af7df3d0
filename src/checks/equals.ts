import * as z from 'zod';
import { quote } from './format.js';
import { textOption } from './option-types.js';
import type { CheckDefinition } from './types.js';
import { builtOnFirstUse } from '../schema/built-on-first-use.js';

const options = builtOnFirstUse(() => z.strictObject({ value: textOption(), ignore_case: z.boolean().optional() }));

/**
 * The whole reply is exactly `value` (ends trimmed). Use for classification-style outputs
 * ("yes", "billing"). Not for free text: use `contains`, `regex` or a pairwise comparison;
 * for a fixed set of answers use `one-of`.
 */
export const equalsCheck: CheckDefinition<z.infer<ReturnType<typeof options>>> = {
  type: 'equals',
  description: 'The reply is exactly the given text (ends trimmed; ignore_case optional).',
  get options() {
    return options();
  },
  run(output, { value, ignore_case }) {
    const fold = (text: string): string => (ignore_case ? text.trim().toLowerCase() : text.trim());
    if (fold(output.text) === fold(value)) return { pass: true, reason: `text equals ${quote(value)}` };
    return { pass: false, reason: `expected ${quote(value)}, got ${quote(output.text)}` };
  },
};
