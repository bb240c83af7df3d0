import { jsonCandidates } from '../judge/parse-verdict.js';
import { ProviderError } from '../providers/types.js';
import type { GradeSample, Output } from '../types.js';
import { GRADE_TOOL } from './rubric-prompt.js';

// A grader's answer → one grade sample, and k samples → the majority. The tool call is the contract;
// a JSON object in the text is accepted for models without tools. Anything else is a grader error
// (retried like any bad response), never a silent fail.

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `passAt` set: the grader gives a score 1–5 and passes at or above it. */
function readGrade(value: unknown, passAt: number | undefined): GradeSample | string {
  if (!isRecord(value)) return 'the grade is not a JSON object';
  const reasoning = typeof value.reasoning === 'string' ? value.reasoning.trim() : '';
  if (passAt !== undefined) {
    const score = typeof value.score === 'string' ? Number(value.score) : value.score;
    if (typeof score !== 'number' || !Number.isInteger(score) || score < 1 || score > 5) return `"score" must be a whole number from 1 to 5, got ${JSON.stringify(value.score)}`;
    return { pass: score >= passAt, score, reasoning };
  }
  const pass = value.pass === 'true' ? true : value.pass === 'false' ? false : value.pass;
  if (typeof pass !== 'boolean') return `"pass" must be true or false, got ${JSON.stringify(value.pass)}`;
  return { pass, reasoning };
}

/** The grade in a grader's output; throws a retryable `malformed` ProviderError quoting what it said instead. */
export function parseGrade(output: Pick<Output, 'text' | 'toolCalls'>, grader: string, passAt: number | undefined): GradeSample {
  const call = output.toolCalls.find((c) => c.name === GRADE_TOOL);
  const problems: string[] = [];
  for (const value of call ? [call.arguments] : jsonCandidates(output.text)) {
    const parsed = readGrade(value, passAt);
    if (typeof parsed !== 'string') return parsed;
    problems.push(parsed);
  }
  const said = output.text.trim() ? `it said ${JSON.stringify(output.text.trim().slice(0, 160))}` : 'it returned no text';
  throw new ProviderError({ kind: 'malformed', message: `grader ${grader}: ${problems[0] ?? `no ${GRADE_TOOL} call and no JSON grade (${said})`}` });
}

/** The majority of an odd number of samples, how many agree with it, and the first agreeing sample's reasoning. */
export function majority(samples: GradeSample[]): { pass: boolean; agree: number; reasoning: string; score?: number } {
  const passes = samples.filter((s) => s.pass).length;
  const pass = passes * 2 > samples.length;
  const first = samples.find((s) => s.pass === pass)!;
  return { pass, agree: pass ? passes : samples.length - passes, reasoning: first.reasoning, ...(first.score !== undefined ? { score: first.score } : {}) };
}
