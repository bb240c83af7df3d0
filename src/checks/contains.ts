import * as z from 'zod';
import { quote } from './format.js';
import { textOption } from './option-types.js';
import type { CheckDefinition } from './types.js';
import { builtOnFirstUse } from '../schema/built-on-first-use.js';

const options = builtOnFirstUse(() => z.strictObject({ value: textOption(), ignore_case: z.boolean().optional() }));

/** True when `text` contains `value`, optionally ignoring case. Shared with `not-contains`. */
export function textContains(text: string, value: string, ignoreCase = false): boolean {
  return ignoreCase ? text.toLowerCase().includes(value.toLowerCase()) : text.includes(value);
}

/**
 * The reply mentions `value` somewhere. Use for a must-have phrase, link or name. Not for
 * "says something like": wording varies, so prefer `regex` with alternatives or a judge.
 */
export const containsCheck: CheckDefinition<z.infer<ReturnType<typeof options>>> = {
  type: 'contains',
  description: 'The reply contains the given text (ignore_case optional).',
  get options() {
    return options();
  },
  run(output, { value, ignore_case }) {
    if (textContains(output.text, value, ignore_case)) return { pass: true, reason: `text contains ${quote(value)}` };
    return { pass: false, reason: `text does not contain ${quote(value)}` };
  },
};
