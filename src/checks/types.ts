import type { z } from 'zod';
import type { Case, Output, Verdict } from '../types.js';

/**
 * One check type. `options` validates the check's options *after* `{{column}}` templates in them are
 * rendered for a case, so a bad label in row 14 is reported as that row's problem, not the suite's.
 * `run` must be pure: same (output, options, case), same verdict.
 */
export interface CheckDefinition<Options = unknown> {
  type: string;
  /** One sentence for `evals validate` and the README: when to use it. */
  description: string;
  /** A strict zod object schema: unknown option keys are errors. `type` is removed before parsing. */
  options: z.ZodType<Options>;
  run(output: Output, options: Options, kase: Case): Verdict | Promise<Verdict>;
}
