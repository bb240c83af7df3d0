import * as z from 'zod';
import { jsonCandidates } from '../judge/parse-verdict.js';
import { ProviderError } from '../providers/types.js';
import type { Output } from '../types.js';
import { PROPOSE_TOOL, type ProposeShape } from './propose-tool.js';

// A model's answer → a proposed case. The tool call is the contract; a JSON object in the text is
// accepted for models without tools. Anything else is a malformed answer (retried like one), never a
// row made up from whatever text came back.

export interface Proposal {
  turns: Array<{ role: 'user' | 'assistant'; content: string }>;
  labels: Record<string, string>;
  /** The checked columns' values (see ProposeShape.extraColumns). */
  columns: Record<string, string>;
  idealBehavior?: string;
  why: string;
}

const turn = z.object({ role: z.enum(['user', 'assistant']), content: z.string().trim().min(1) });

function proposalSchema(shape: ProposeShape) {
  const yesNo = z.string().transform((value) => value.trim().toLowerCase());
  return z.object({
    turns: z
      .array(turn)
      .min(1)
      .refine((turns) => turns.length === 0 || turns[turns.length - 1].role === 'user', 'the last turn must be the user'),
    why: z.string().trim().default(''),
    labels: shape.labelColumns.length ? z.object(Object.fromEntries(shape.labelColumns.map((column) => [column, yesNo]))) : z.unknown().optional(),
    columns: shape.extraColumns.length ? z.object(Object.fromEntries(shape.extraColumns.map((column) => [column, z.coerce.string()]))) : z.unknown().optional(),
    ideal_behavior: shape.withIdeal ? z.string().trim().min(1) : z.unknown().optional(),
  });
}

function readProposal(value: unknown, shape: ProposeShape): Proposal | string {
  const parsed = proposalSchema(shape).safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return `${issue.path.join('.') || 'the answer'}: ${issue.message}`;
  }
  const data = parsed.data;
  return {
    turns: data.turns,
    labels: shape.labelColumns.length ? (data.labels as Record<string, string>) : {},
    columns: shape.extraColumns.length ? (data.columns as Record<string, string>) : {},
    ...(shape.withIdeal ? { idealBehavior: data.ideal_behavior as string } : {}),
    why: data.why,
  };
}

/** The proposal in an answer; throws a `malformed` ProviderError (retryable) when there is none. */
export function parseProposal(output: Pick<Output, 'text' | 'toolCalls'>, shape: ProposeShape, model: string): Proposal {
  const call = output.toolCalls.find((c) => c.name === PROPOSE_TOOL);
  const problems: string[] = [];
  for (const value of call ? [call.arguments] : jsonCandidates(output.text)) {
    const parsed = readProposal(value, shape);
    if (typeof parsed !== 'string') return parsed;
    problems.push(parsed);
  }
  const said = output.text.trim() ? `it said ${JSON.stringify(output.text.trim().slice(0, 160))}` : 'it returned no text';
  throw new ProviderError({ kind: 'malformed', message: `${model}: ${problems[0] ?? `no ${PROPOSE_TOOL} call and no JSON case (${said})`}` });
}
