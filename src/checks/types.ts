import type * as z from 'zod';
import type { Case, Message, Output, ToolSpec, Verdict } from '../types.js';

/** One request to a grader model (a `rubric` check), sent through the run's provider, cache and retry path. */
export interface GraderRequest {
  /** Provider id, e.g. `openai:gpt-4.1`. */
  grader: string;
  /** The case graded (providers such as `exec:` receive it). */
  case: Case;
  messages: Message[];
  tools: ToolSpec[];
  /** Which of the check's `samples` this is: part of the cache key, so k samples are k answers. */
  sample: number;
}

/** A grader's answer once `parse` accepted it, with what it cost (nothing when it came from the cache). */
export interface GraderAnswer<T> {
  value: T;
  cached: boolean;
  inputTokens: number;
  outputTokens: number;
  costUsd?: number;
}

/** What calibration against people says about one rubric's grader (see src/calibration/). */
export interface GraderStanding {
  /** Cohen's kappa against human labels, or undefined when nobody has labelled this rubric yet. */
  kappa?: number;
  /** Labelled outputs behind the kappa. */
  n?: number;
  /** The suite's `min_grader_agreement`, when it has one. */
  min?: number;
}

/**
 * What a check that needs more than its output gets from the run. Absent parts mean "not available
 * here" (e.g. scoring outside a run): a check that needs them reports an error, never a verdict.
 */
export interface CheckContext {
  /**
   * Ask a grader model; `parse` turns its output into a grade or throws a (retryable) `malformed`
   * ProviderError. Rejects with the last error once retries are spent.
   */
  askGrader?<T>(request: GraderRequest, parse: (output: Output) => T): Promise<GraderAnswer<T>>;
  /** The calibration standing of a rubric's grader, by the rubric's name. */
  graderStanding?(rubric: string, grader: string): GraderStanding;
}

/**
 * One check type. `options` validates the check's options *after* `{{column}}` templates in them are
 * rendered for a case, so a bad label in row 14 is reported as that row's problem, not the suite's.
 * `run` must be pure: same (output, options, case), same verdict. A check that needs a model (`rubric`)
 * asks it only through `context`, so its calls are cached, retried and counted like the run's.
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
  /**
   * Options that are templates the check renders itself, with variables beyond the case's columns
   * (`rubric`: `{{input}}`); they are passed as written, and only the columns they name are checked.
   */
  ownTemplates?: { options: readonly string[]; variables: readonly string[] };
  /** `context` is what the run offers (a grader); pure checks ignore it. */
  run(output: Output, options: Options, kase: Case, context: CheckContext): Verdict | Promise<Verdict>;
}
