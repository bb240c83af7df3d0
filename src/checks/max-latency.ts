import * as z from 'zod';
import { numberOption } from './option-types.js';
import type { CheckDefinition } from './types.js';
import { builtOnFirstUse } from '../schema/built-on-first-use.js';

const options = builtOnFirstUse(() => z.strictObject({ ms: numberOption() }));

/**
 * The system answered within `ms` milliseconds. Use for latency budgets on live providers.
 * Not meaningful for `column:` recordings or cached results, whose latency is not a real call's.
 */
export const maxLatencyCheck: CheckDefinition<z.infer<ReturnType<typeof options>>> = {
  type: 'max-latency',
  description: 'The answer took at most `ms` milliseconds.',
  get options() {
    return options();
  },
  run(output, { ms }) {
    const took = Math.round(output.latencyMs);
    if (took <= ms) return { pass: true, reason: `took ${took} ms (limit ${ms} ms)` };
    return { pass: false, reason: `took ${took} ms, over the ${ms} ms limit` };
  },
};
