import * as z from 'zod';
import { kappa, nonNegative, optionalBoolean, optionalFraction, optionalNonNegative, optionalPositiveInt, optionalString, optionalStrings } from './field-shapes.js';

// The suite file's schema. Strict everywhere: an unknown key is a typo until proven otherwise,
// and the loader turns zod's "unrecognized key" into a "did you mean".

const providerId = z.string().regex(/^[a-z][a-z0-9-]*:.+$/, 'must look like "openai:gpt-4o-mini", "anthropic:claude-sonnet-4-5", "column:current_behavior", "exec:<command>" or "http:<url>"');

export const systemSchema = z.strictObject({
  provider: providerId,
  /** System prompt file (Markdown/text, may use {{column}} and {{now}}). */
  prompt: optionalString,
  /** JSON file with the tools the model may call (OpenAI, Anthropic or plain {name, description, parameters}). */
  tools: optionalString,
  temperature: z.number().min(0).max(2).optional(),
  max_tokens: optionalPositiveInt,
  top_p: optionalFraction,
  stop: optionalStrings,
  /** OpenAI-compatible endpoint (Ollama, vLLM, LM Studio) or Anthropic base URL. */
  base_url: z.string().url().optional(),
  /** Name of the env var holding the key, when not the provider's default. */
  api_key_env: z
    .string()
    .regex(/^[A-Z_][A-Z0-9_]*$/, 'must be an environment variable name')
    .optional(),
  timeout_ms: optionalPositiveInt,
  headers: z.record(z.string(), z.string()).optional(),
  /** Most requests in flight for this system (default: the run's --concurrency). */
  concurrency: optionalPositiveInt,
  /** Requests per minute allowed for this system. */
  rpm: z.number().positive().optional(),
  /** US dollars per million tokens, for the cost column (overrides the built-in list prices). */
  price: z.strictObject({ input: nonNegative, output: nonNegative }).optional(),
  /** Passed through to the provider's request body as-is. */
  params: z.record(z.string(), z.unknown()).optional(),
  /** False: never serve this system's answers from the response cache (a model that changes behind its name). */
  cache: optionalBoolean,
});

/** Options are validated per check type by the check registry; here only the shape. */
export const checkSpecSchema = z.looseObject({ type: z.string().min(1) });

export const comparisonSchema = z.strictObject({
  /** System names; either may be `champion`: the saved outputs of the last promoted system (no model is called for it). */
  a: z.string(),
  b: z.string(),
  /** Provider id of the LLM judge, or "human". */
  judge: z.string(),
  /** Rubric template file, may use {{column}}. */
  rubric: optionalString,
  /** Let the judge say "much better" as well as "better". */
  strength: optionalBoolean,
});

/** What each kind of error costs, in any unit the team argues in (the same unit for both). */
export const costsSchema = z.strictObject({
  false_positive: nonNegative,
  false_negative: nonNegative,
});

/** Decision rules (and a pass-rate floor) for one slice of the cases: `gate.slices.multi: { min_recall: 0.9 }`. */
const sliceRulesSchema = z.strictObject({
  min_pass_rate: optionalFraction,
  min_recall: optionalFraction,
  min_precision: optionalFraction,
  max_false_positive_rate: optionalFraction,
  max_cost: optionalNonNegative,
  /** Default: the gate's own `on_bound`. */
  on_bound: optionalBoolean,
});

export const gateSchema = z.strictObject({
  /** Default 0: any regression fails. `null` turns the rule off, on purpose. */
  max_regressions: z.number().int().min(0).nullable().optional(),
  min_pass_rate: optionalFraction,
  /** Largest allowed drop in pass rate against the baseline run, e.g. 0.05. */
  max_drop: optionalFraction,
  /** Errored cases fail the gate (default true). */
  fail_on_errors: optionalBoolean,
  /** Lower 95% bound of each comparison's win rate for `a` must reach this. */
  min_win_rate: optionalFraction,
  /** The candidate's win rate over the champion (a `compare:` entry naming `champion`) must reach this. */
  min_win_rate_vs_champion: optionalFraction,
  /** Which number of a win rate the two rules above read: the 95% interval's lower bound (default) or the point estimate. */
  win_rate_bound: z.enum(['lower', 'point']).optional(),
  /** How repeats are scored per case: every repeat passes (pass^k, default) or most do. */
  repeats: z.enum(['all', 'majority']).optional(),
  /** Systems the gate applies to (default: every system except column: recordings). */
  systems: optionalStrings,
  /** Least Cohen's kappa between a rubric's grader and people: one number for every rubric, or one per rubric name. */
  min_grader_agreement: z.union([kappa, z.record(z.string(), kappa)]).optional(),
  /** Decisions (checks tied to a yes/no label): the least recall and precision, the most false-positive rate and cost per case. */
  min_recall: optionalFraction,
  min_precision: optionalFraction,
  max_false_positive_rate: optionalFraction,
  max_cost: optionalNonNegative,
  /** Decision rules judge the 95% interval's pessimistic bound instead of the point estimate. */
  on_bound: optionalBoolean,
  /** Per-slice rules, keyed by a slice's value (`multi`) or, when two slice_by names share it, `name=value` (`turns=multi`). */
  slices: z.record(z.string(), sliceRulesSchema).optional(),
  /** Fail when any slice is regressed (Holm-adjusted McNemar p < 0.05 with more pass→fail than fail→pass). */
  no_slice_regressed: optionalBoolean,
});

export const suiteSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/i, 'must be a simple name (letters, digits, - _ .)'),
  description: optionalString,
  dataset: z.string(),
  /** XLSX tab name. */
  sheet: optionalString,
  /** Columns that hold yes/no labels, validated on load even when no check uses them. */
  labels: optionalStrings,
  /** ISO date-time for time-relative behaviours; a `now` column overrides it per case. */
  now: optionalString,
  timezone: optionalString,
  systems: z.record(z.string().regex(/^[A-Za-z0-9_-]+$/, 'system names are letters, digits, - and _'), systemSchema),
  checks: z.array(checkSpecSchema).default([]),
  compare: z.array(comparisonSchema).default([]),
  gate: gateSchema.default({}),
  /** Break every number down by these: `tags` (a case in each of its tags) or any dataset column. */
  slice_by: z.array(z.string().min(1)).optional(),
  /** What each kind of decision error costs; a check's own `costs:` wins. */
  costs: costsSchema.optional(),
  /** Default concurrency and repeats for this suite (CLI flags win). */
  concurrency: optionalPositiveInt,
  repeat: optionalPositiveInt,
});

export type SuiteFile = z.infer<typeof suiteSchema>;
export type SystemBlock = z.infer<typeof systemSchema>;
export type ComparisonBlock = z.infer<typeof comparisonSchema>;
export type GateBlock = z.infer<typeof gateSchema>;
