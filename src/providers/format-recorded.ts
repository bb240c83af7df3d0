import type { ToolCall } from '../types.js';

// The inverse of recorded-output.ts: an output written the way a PM types it in the sheet, so a
// champion's answers can go back into `current_behavior` (`evals promote --write-sheet`) and read
// back as the same text and tool calls. One `→ name(arg: value)` line per call, then the text.
// What that form cannot hold exactly falls back to the JSON the parser also accepts.

// \u2192 is →, \u201D is ”. Regular expressions are written in ASCII: esbuild escapes strings, not them,
// and one non-ASCII character makes Node decode the whole chunk slowly (tests/architecture/start-up-bundle.test.ts).
const ARROW_LINE = /^\s*(?:\u2192|->)/m;
/** Text that reads back as itself without quotes: not a number, true/false/null, comma or parenthesis. */
const BARE = /^[A-Za-z_][\w./+-]*$|^\d{1,2}:\d{2}(?::\d{2})?$|^\d{4}-\d{2}-\d{2}$/;
const SCALAR_WORDS = new Set(['true', 'false', 'null']);
/** An argument name the `name: value` form can carry. */
const KEY = /^[A-Za-z_][\w.-]*$/;

function formatValue(value: unknown): string {
  if (typeof value === 'string') {
    if (BARE.test(value) && !SCALAR_WORDS.has(value)) return value;
    return `"${value.replace(/[\\"\u201D]/g, (c) => `\\${c}`)}"`;
  }
  return JSON.stringify(value);
}

function formatCall(call: ToolCall): string {
  const entries = Object.entries(call.arguments);
  if (!entries.length) return `→ ${call.name}`;
  // A quoted value may run over lines, but a line of it that starts with an arrow would read as a call.
  const arrowInside = entries.some(([, value]) => typeof value === 'string' && ARROW_LINE.test(value));
  if (arrowInside || !entries.every(([key]) => KEY.test(key))) return `→ ${call.name} ${JSON.stringify(call.arguments)}`;
  return `→ ${call.name}(${entries.map(([key, value]) => `${key}: ${formatValue(value)}`).join(', ')})`;
}

/** An output as a sheet cell: `→ canvas(type: document)` lines, then the reply. */
export function formatRecordedOutput(output: { text: string; toolCalls: ToolCall[] }): string {
  const text = output.text.trim();
  const names = output.toolCalls.every((call) => /^[A-Za-z_][\w.-]*$/.test(call.name));
  // Text that the parser would read as calls or as JSON, or a call name it cannot read: the JSON form.
  if (!names || ARROW_LINE.test(text) || /^[[{]/.test(text)) {
    return JSON.stringify({ text: output.text, tool_calls: output.toolCalls.map((call) => ({ name: call.name, arguments: call.arguments })) });
  }
  return [...output.toolCalls.map(formatCall), ...(text ? [text] : [])].join('\n');
}
