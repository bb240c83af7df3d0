import * as z from 'zod';
import { findProviderRef, providerRef } from '../providers/registry.js';
import { ProviderError } from '../providers/types.js';
import type { Case, GradeSample, Output, RubricGrade, Verdict } from '../types.js';
import { majority, parseGrade } from './rubric-grade.js';
import { gradeTool, rubricMessages, RUBRIC_VARIABLES } from './rubric-prompt.js';
import type { CheckContext, CheckDefinition, GraderStanding } from './types.js';
import { builtOnFirstUse } from '../schema/built-on-first-use.js';

/** What a rubric is called when the suite gives it no `name:` (one rubric per suite needs none). */
export const DEFAULT_RUBRIC_NAME = 'rubric';

/** A grader is a model: any provider id whose entry is known and that is not a recorded column. */
const graderOption = builtOnFirstUse(() =>
  z.string().superRefine((id, ctx) => {
    try {
      providerRef(id);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: error instanceof Error ? error.message : String(error) });
      return;
    }
    if (findProviderRef(id)?.entry.describe.recorded) ctx.addIssue({ code: 'custom', message: `"${id}" is a recorded column, not a model that can grade` });
  }),
);

const options = builtOnFirstUse(() =>
  z.strictObject({
    grader: graderOption(),
    rubric: z.string().trim().min(1, 'is empty'),
    /** Grade on a 1–5 scale and pass at this score or above; without it the grader says pass or fail. */
    pass_at: z.number().int().min(1).max(5).optional(),
    /** Grade k times and take the majority: odd, so there is always one. */
    samples: z
      .number()
      .int()
      .min(1)
      .max(15)
      .refine((k) => k % 2 === 1, 'must be odd (1, 3, 5…) so the majority is never a tie')
      .optional(),
    /** What calibration, human labels (`human_verdict:<name>`) and reports call this rubric. */
    name: z
      .string()
      .regex(/^[A-Za-z0-9_.-]+$/, 'may use letters, digits, "_", "." and "-" only')
      .optional(),
  }),
);

type RubricOptions = z.infer<ReturnType<typeof options>>;

function formatKappa(kappa: number): string {
  return kappa.toFixed(2);
}

/** The grade's calibration, as recorded and as a PM reads it after the reason. */
function standingOf(standing: GraderStanding | undefined): { recorded: RubricGrade['standing']; note: string } {
  if (!standing || standing.kappa === undefined || standing.n === undefined) return { recorded: 'not calibrated', note: ' [grader not calibrated]' };
  const belowBar = standing.min !== undefined && standing.kappa < standing.min;
  const recorded = { kappa: standing.kappa, n: standing.n, ...(standing.min !== undefined ? { min: standing.min } : {}), belowBar };
  return { recorded, note: belowBar ? ` [grader below the bar: kappa ${formatKappa(standing.kappa)} < ${formatKappa(standing.min!)}]` : '' };
}

async function grade(output: Output, opts: RubricOptions, kase: Case, context: CheckContext): Promise<Verdict> {
  const name = opts.name ?? DEFAULT_RUBRIC_NAME;
  const k = opts.samples ?? 1;
  const { recorded: standing, note } = standingOf(context.graderStanding?.(name, opts.grader));
  const base: RubricGrade = { rubric: name, grader: opts.grader, samples: [], reasoning: '', requests: 0, inputTokens: 0, outputTokens: 0, standing };
  if (!context.askGrader) return { pass: false, error: true, reason: `rubric ${name}: no grader can be called here (rubric checks are graded during evals run)`, grade: base };
  const messages = rubricMessages(kase, opts.rubric, output, opts.pass_at !== undefined);
  const tools = [gradeTool(opts.pass_at !== undefined)];
  const parse = (answer: Output) => parseGrade(answer, opts.grader, opts.pass_at);
  let answers;
  try {
    answers = await Promise.all(Array.from({ length: k }, (_, sample) => context.askGrader!<GradeSample>({ grader: opts.grader, case: kase, messages, tools, sample }, parse)));
  } catch (error) {
    const cause = error instanceof ProviderError ? error.info.message : error instanceof Error ? error.message : String(error);
    // Said once: a cause that already names the grader (a malformed answer, a missing key) is not prefixed again.
    const reason = cause.includes(opts.grader) ? `rubric ${name}: ${cause}` : `rubric ${name}: grader ${opts.grader} could not grade: ${cause}`;
    return { pass: false, error: true, reason, grade: { ...base, reasoning: cause } };
  }
  const samples = answers.map((a) => a.value);
  const vote = majority(samples);
  const costs = answers.map((a) => a.costUsd).filter((c): c is number => c !== undefined);
  const graded: RubricGrade = {
    ...base,
    samples,
    ...(k > 1 ? { agreement: { agree: vote.agree, of: k } } : {}),
    reasoning: vote.reasoning,
    requests: answers.filter((a) => !a.cached).length,
    inputTokens: answers.reduce((sum, a) => sum + a.inputTokens, 0),
    outputTokens: answers.reduce((sum, a) => sum + a.outputTokens, 0),
    ...(costs.length ? { costUsd: costs.reduce((a, b) => a + b, 0) } : {}),
  };
  const agreed = k > 1 ? `, ${vote.agree}/${k} samples agree` : '';
  const score = opts.pass_at !== undefined && vote.score !== undefined ? `score ${vote.score}/5, pass at ${opts.pass_at}` : '';
  const how = [score, agreed.slice(2)].filter(Boolean).join(', ');
  const reason = `rubric ${name}: grader ${vote.pass ? 'passed' : 'failed'} it${how ? ` (${how})` : ''}: ${vote.reasoning || '(no reasoning given)'}${note}`;
  return { pass: vote.pass, reason, grade: graded };
}

/**
 * A grader model grades the output against a rubric written by the team. The rubric is a template the
 * check renders itself, so it may use `{{input}}` and `{{output}}` besides the case's columns.
 */
export const rubricCheck: CheckDefinition<RubricOptions> = {
  type: 'rubric',
  description: 'A grader model (`grader`, a provider id) grades the output against `rubric` (pass/fail, or 1–5 with `pass_at`), `samples` times by majority.',
  get options() {
    return options();
  },
  ownTemplates: { options: ['rubric'], variables: RUBRIC_VARIABLES },
  run: (output, opts, kase, context) => grade(output, opts, kase, context),
};
