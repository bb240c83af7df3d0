import * as z from 'zod';
import { flagsOption, patternOption } from './option-types.js';
import type { CheckDefinition } from './types.js';
import { builtOnFirstUse } from '../schema/built-on-first-use.js';

const options = builtOnFirstUse(() => z.strictObject({ pattern: patternOption(), flags: flagsOption().optional() }));

/**
 * The reply matches a regular expression (anywhere, unless anchored with ^ and $). Use for
 * formats and alternatives ("\\b(7|seven) ?pm\\b", flags "i"). Not for JSON structure: use
 * `json-schema`; not for tool arguments: use `tool-args`.
 */
export const regexCheck: CheckDefinition<z.infer<ReturnType<typeof options>>> = {
  type: 'regex',
  description: 'The reply matches a regular expression (flags optional, e.g. "i").',
  get options() {
    return options();
  },
  run(output, { pattern, flags }) {
    // A fresh RegExp per run: a `g` flag's lastIndex must not leak from one case to the next.
    const regex = new RegExp(pattern, flags ?? '');
    const shown = `/${pattern}/${flags ?? ''}`;
    if (regex.test(output.text)) return { pass: true, reason: `text matches ${shown}` };
    return { pass: false, reason: `text does not match ${shown}` };
  },
};
