import * as z from 'zod';
import { quote } from './format.js';
import { textOption } from './option-types.js';
import type { CheckDefinition } from './types.js';
import { builtOnFirstUse } from '../schema/built-on-first-use.js';

const options = builtOnFirstUse(() => z.strictObject({ values: z.array(textOption()).min(1), ignore_case: z.boolean().optional() }));

/**
 * The whole reply (ends trimmed) is one of a few allowed answers. Use for routing and
 * classification with a fixed label set. Not for one right answer per case: use `equals`
 * with a `{{column}}` template.
 */
export const oneOfCheck: CheckDefinition<z.infer<ReturnType<typeof options>>> = {
  type: 'one-of',
  description: 'The reply is exactly one of the listed values (ends trimmed; ignore_case optional).',
  get options() {
    return options();
  },
  run(output, { values, ignore_case }) {
    const fold = (text: string): string => (ignore_case ? text.trim().toLowerCase() : text.trim());
    const hit = values.find((value) => fold(value) === fold(output.text));
    if (hit !== undefined) return { pass: true, reason: `text is ${quote(hit)}, one of the allowed values` };
    return { pass: false, reason: `expected one of ${values.map((value) => quote(value, 30)).join(', ')}, got ${quote(output.text)}` };
  },
};
