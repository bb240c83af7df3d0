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
  /**
   * Options whose `{{column}}` may be empty on a row, because the check itself says what an empty cell
   * means (`same_as` an ideal that was left blank). Any other option's empty column is the row's problem.
   */
  mayBeEmpty?: readonly string[];
  /**
   * The option that is the case's yes/no label (`expect` for tool-called): when it is a `{{column}}`,
   * each result records the decision, and the run counts true/false positives and negatives.
   */
  decisionLabel?: string;
  /**
   * Options that name a column, with the column read when the suite leaves them out (`document` for the
   * edit checks). A bare name (`document: draft`) means the same as `"{{draft}}"`: the check gets the text.
   */
  columnOptions?: Readonly<Record<string, string>>;
  /**
   * Tools whose call arguments this check judges (the edit checks judge update_document's pattern), so
   * `evals validate` does not warn that no check compares them. tool-args is judged by its own rules.
   */
  judgesArgumentsOf?(options: Options): string[];
  run(output: Output, options: Options, kase: Case): Verdict | Promise<Verdict>;
}
