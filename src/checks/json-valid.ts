import * as z from 'zod';
import { parseJsonText } from './json-text.js';
import type { CheckDefinition } from './types.js';
import { builtOnFirstUse } from '../schema/built-on-first-use.js';

const options = builtOnFirstUse(() => z.strictObject({}));

/**
 * The reply is valid JSON (one ```json fence around the whole reply is allowed). Use for
 * structured-output behaviours. Not enough on its own when the shape matters: add `json-schema`.
 */
export const jsonValidCheck: CheckDefinition<z.infer<ReturnType<typeof options>>> = {
  type: 'json-valid',
  description: 'The reply is valid JSON (a surrounding ```json fence is allowed).',
  get options() {
    return options();
  },
  run(output) {
    const parsed = parseJsonText(output.text);
    return parsed.ok ? { pass: true, reason: 'valid JSON' } : { pass: false, reason: `invalid JSON: ${parsed.message}` };
  },
};
