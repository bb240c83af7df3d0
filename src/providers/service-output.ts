import type { Output } from '../types.js';
import { malformedError } from './errors.js';
import { interpretJsonOutput, readUsage } from './json-output.js';
import { ProviderError, type ProviderRequest } from './types.js';

// The contract shared by `exec:` and `http:` systems: the case goes out as JSON, and what comes back
// is JSON ({text, tool_calls} or {output}) or plain text. One parser so both read answers alike.

/** What a command reads on stdin and an HTTP service receives as its POST body. */
export interface ServicePayload {
  id: string;
  messages: ProviderRequest['messages'];
  tools: ProviderRequest['tools'];
  columns: Record<string, string>;
  now?: string;
  timezone?: string;
}

/** The JSON sent to a command or service for one case. */
export function servicePayload(request: ProviderRequest): ServicePayload {
  const kase = request.case;
  return { id: kase.id, messages: request.messages, tools: request.tools, columns: kase.columns, now: kase.now, timezone: kase.timezone };
}

/**
 * Read a command's stdout or a service's response body. JSON in a known shape gives text and tool
 * calls; anything else (including JSON in another shape, which a `json-valid` check may want) is text.
 */
export function parseServiceOutput(body: string, latencyMs: number, label = 'the system'): Output {
  const trimmed = body.replace(/^\uFEFF/, '').trim();
  if (trimmed === '') throw emptyAnswerError(label);
  if (/^[[{]/.test(trimmed)) {
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (error) {
      // `{"text": ...` cut short is a broken answer, not prose: say so instead of scoring it as text.
      if (/^\{\s*"(?:text|tool_calls|output)"/.test(trimmed)) throw malformedError(label, `the answer starts as JSON but does not parse (${(error as Error).message})`);
      value = undefined;
    }
    const interpreted = value === undefined ? undefined : interpretJsonOutput(value);
    if (interpreted) {
      const usage = typeof value === 'object' && value !== null && 'usage' in value ? readUsage(value.usage) : undefined;
      return { ...interpreted, ...(usage ? { usage } : {}), latencyMs, raw: value };
    }
  }
  return { text: trimmed, toolCalls: [], latencyMs, raw: body };
}

/** Whether a command printed, or a service sent, nothing but whitespace. */
export function isEmptyAnswer(body: string): boolean {
  return body.replace(/^\uFEFF/, '').trim() === '';
}

/**
 * Nothing came back. Not scored as an empty reply: a command that prints nothing (it wrote to stderr,
 * or to a file, or printed before a crash it then swallowed) is a broken adapter, and scoring it would
 * count the adapter's failure against the model. Not retried either: the same command prints nothing
 * again. A deliberately empty reply is `{"text": ""}`.
 */
export function emptyAnswerError(label: string, stderr?: string): ProviderError {
  const detail = stderr ? `; its stderr ends: ${stderr}` : '';
  return new ProviderError({ kind: 'other', message: `${label} answered nothing${detail} (the reply goes to stdout or the response body; {"text": ""} is a deliberately empty one)` });
}
