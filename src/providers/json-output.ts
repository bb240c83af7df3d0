import type { ToolCall, Usage } from '../types.js';

// Reading outputs that arrive as JSON (from a command, an HTTP service or a spreadsheet cell) in the
// several shapes people actually write: ours, OpenAI's, Anthropic's, or a bare tool call.

export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Parse a tool call's JSON argument string. Bad JSON is the model's fault, not the infrastructure's,
 * so the call is kept (a `tool-called` check still sees it) with the raw text under `__unparsed`,
 * where a `tool-args` check fails visibly instead of the case erroring. Non-object JSON goes there too.
 */
export function parseArgumentsJson(raw: string): Record<string, unknown> {
  if (raw.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(raw);
    return isObject(value) ? value : { __unparsed: raw };
  } catch {
    return { __unparsed: raw };
  }
}

function toArguments(value: unknown): Record<string, unknown> {
  if (typeof value === 'string') return parseArgumentsJson(value);
  if (isObject(value)) return value;
  return value === undefined || value === null ? {} : { __unparsed: JSON.stringify(value) };
}

/** One tool call from `{name, arguments}`, `{function: {name, arguments}}` or `{type: tool_use, name, input}`. */
function toToolCall(value: unknown): ToolCall | undefined {
  if (!isObject(value)) return undefined;
  const source = isObject(value.function) ? value.function : value;
  if (typeof source.name !== 'string' || source.name === '') return undefined;
  const args = source.arguments ?? source.input ?? source.args ?? source.parameters;
  return { name: source.name, arguments: toArguments(args) };
}

/** Tool calls from an array; `strict` (a bare top-level array) requires every element to be one. */
function toToolCalls(value: unknown, strict: boolean): ToolCall[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const calls = value.map(toToolCall);
  const valid = calls.filter((c): c is ToolCall => c !== undefined);
  return strict && valid.length !== calls.length ? undefined : valid;
}

/** Text from a string or an array of `{type: text, text}` blocks (Anthropic's content). */
function toText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (!Array.isArray(value)) return undefined;
  return value.map((b) => (isObject(b) && b.type === 'text' && typeof b.text === 'string' ? b.text : '')).join('');
}

/**
 * Text and tool calls from a parsed JSON value, or undefined when it is not one of the known shapes:
 * `{text?, tool_calls?}`, `{output}`, a message `{content, tool_calls}`, an OpenAI completion
 * `{choices: [{message}]}`, Anthropic content blocks, a single tool call, or an array of tool calls.
 */
export function interpretJsonOutput(value: unknown): { text: string; toolCalls: ToolCall[] } | undefined {
  const list = toToolCalls(value, true);
  if (list && list.length > 0) return { text: '', toolCalls: list };
  if (!isObject(value)) return undefined;
  if (Array.isArray(value.choices) && isObject(value.choices[0]) && isObject(value.choices[0].message)) {
    return interpretJsonOutput(value.choices[0].message);
  }
  if (Array.isArray(value.content) && value.content.some((b) => isObject(b) && (b.type === 'text' || b.type === 'tool_use'))) {
    const calls = value.content.filter((b) => isObject(b) && b.type === 'tool_use').map(toToolCall);
    return { text: toText(value.content) ?? '', toolCalls: calls.filter((c): c is ToolCall => c !== undefined) };
  }
  const calls = toToolCalls(value.tool_calls ?? value.toolCalls, false);
  const text = toText(value.text) ?? toText(value.output) ?? toText(value.content);
  if (calls || text !== undefined || value.content === null) return { text: text ?? '', toolCalls: calls ?? [] };
  const single = toToolCall(value);
  if (single && ('arguments' in value || 'input' in value || 'args' in value)) return { text: '', toolCalls: [single] };
  return undefined;
}

/** Token usage in OpenAI (`prompt_tokens`), Anthropic (`input_tokens`) or camelCase shape. */
export function readUsage(value: unknown): Usage | undefined {
  if (!isObject(value)) return undefined;
  const input = value.input_tokens ?? value.prompt_tokens ?? value.inputTokens;
  const output = value.output_tokens ?? value.completion_tokens ?? value.outputTokens;
  return typeof input === 'number' && typeof output === 'number' ? { inputTokens: input, outputTokens: output } : undefined;
}
