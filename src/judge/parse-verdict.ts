import { ProviderError } from '../providers/types.js';
import type { Output } from '../types.js';
import { VERDICT_TOOL } from './judge-prompt.js';
import type { PositionVerdict, Strength } from './types.js';

// A judge's answer → a verdict. The tool call is the contract; a JSON object in the text is
// accepted for models without tools. Anything else is a judge error, never a silent tie.

export interface ParsedVerdict {
  verdict: PositionVerdict;
  strength?: Strength;
  reasoning: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Candidate JSON objects in free text: fenced blocks first, then the outermost braces. */
export function jsonCandidates(text: string): unknown[] {
  const sources = [...text.matchAll(/```(?:json)?\s*([\s\S]*?)```/g)].map((m) => m[1]);
  const open = text.indexOf('{');
  const close = text.lastIndexOf('}');
  if (open !== -1 && close > open) sources.push(text.slice(open, close + 1));
  const values: unknown[] = [];
  for (const source of sources) {
    try {
      values.push(JSON.parse(source));
    } catch {
      // not JSON; try the next candidate
    }
  }
  return values;
}

function readVerdict(value: unknown): ParsedVerdict | string {
  if (!isRecord(value)) return 'the verdict is not a JSON object';
  const raw = typeof value.winner === 'string' ? value.winner.trim() : undefined;
  const verdict = raw === undefined ? undefined : raw.toLowerCase() === 'tie' ? 'tie' : raw.toUpperCase() === 'A' ? 'A' : raw.toUpperCase() === 'B' ? 'B' : undefined;
  if (!verdict) return `"winner" must be "A", "B" or "tie", got ${JSON.stringify(value.winner)}`;
  const strength = value.strength === 'much better' || value.strength === 'better' ? value.strength : undefined;
  const reasoning = typeof value.reasoning === 'string' ? value.reasoning.trim() : '';
  return { verdict, ...(strength && verdict !== 'tie' ? { strength } : {}), reasoning };
}

/**
 * The verdict in a judge's output. Throws a `malformed` ProviderError (retryable, like any bad
 * response) when there is no usable verdict, quoting what the judge said instead.
 */
export function parseVerdict(output: Pick<Output, 'text' | 'toolCalls'>, judge: string): ParsedVerdict {
  const call = output.toolCalls.find((c) => c.name === VERDICT_TOOL);
  const problems: string[] = [];
  for (const value of call ? [call.arguments] : jsonCandidates(output.text)) {
    const parsed = readVerdict(value);
    if (typeof parsed !== 'string') return parsed;
    problems.push(parsed);
  }
  const said = output.text.trim() ? `it said ${JSON.stringify(output.text.trim().slice(0, 160))}` : 'it returned no text';
  const why = problems[0] ?? `no ${VERDICT_TOOL} call and no JSON verdict (${said})`;
  throw new ProviderError({ kind: 'malformed', message: `judge ${judge}: ${why}` });
}
