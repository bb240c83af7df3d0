import * as z from 'zod';
import { textContains } from './contains.js';
import { quote } from './format.js';
import { textOption } from './option-types.js';
import type { CheckDefinition } from './types.js';
import { builtOnFirstUse } from '../schema/built-on-first-use.js';

const options = builtOnFirstUse(() => z.strictObject({ value: textOption(), ignore_case: z.boolean().optional() }));

/**
 * The reply never mentions `value`. Use for forbidden phrases ("As an AI", a competitor, a
 * leaked placeholder like "{{"). Not for tone or safety in general: those need a judge.
 */
export const notContainsCheck: CheckDefinition<z.infer<ReturnType<typeof options>>> = {
  type: 'not-contains',
  description: 'The reply does not contain the given text (ignore_case optional).',
  get options() {
    return options();
  },
  run(output, { value, ignore_case }) {
    if (!textContains(output.text, value, ignore_case)) return { pass: true, reason: `text does not contain ${quote(value)}` };
    return { pass: false, reason: `text contains ${quote(value)}` };
  },
};
