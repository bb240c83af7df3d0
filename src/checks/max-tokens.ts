import * as z from 'zod';
import { numberOption } from './option-types.js';
import type { CheckDefinition } from './types.js';
import { builtOnFirstUse } from '../schema/built-on-first-use.js';

const options = builtOnFirstUse(() => z.strictObject({ value: numberOption() }));

/**
 * The reply used at most `value` output tokens. Use to keep answers short or costs bounded.
 * Fails (rather than passing silently) when the provider reported no usage, e.g. `column:` or
 * `exec:` systems; for length in characters or words use `regex` instead.
 */
export const maxTokensCheck: CheckDefinition<z.infer<ReturnType<typeof options>>> = {
  type: 'max-tokens',
  description: 'The reply used at most `value` output tokens.',
  get options() {
    return options();
  },
  run(output, { value }) {
    if (!output.usage) return { pass: false, reason: 'token usage unknown: this system did not report it' };
    const used = output.usage.outputTokens;
    if (used <= value) return { pass: true, reason: `${used} output tokens (limit ${value})` };
    return { pass: false, reason: `${used} output tokens, over the limit of ${value}` };
  },
};
