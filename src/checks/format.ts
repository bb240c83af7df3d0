import type { ToolCall } from '../types.js';

// Check reasons are one line a PM reads in a table cell, so long or multi-line values are squeezed.

/** `"text"`, on one line, cut to `max` characters. Use for any user or model text in a reason. */
export function quote(text: string, max = 80): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return JSON.stringify(flat.length > max ? `${flat.slice(0, max - 1)}…` : flat);
}

/** A JSON-ish value for a reason: strings quoted, everything else as compact JSON. */
export function formatValue(value: unknown, max = 60): string {
  if (typeof value === 'string') return quote(value, max);
  const json = JSON.stringify(value) ?? String(value);
  return json.length > max ? `${json.slice(0, max - 1)}…` : json;
}

/** `canvas(type: "document")`, or just `canvas` when the call has no arguments. */
function formatCall(call: ToolCall, max = 100): string {
  const args = Object.entries(call.arguments ?? {}).map(([key, value]) => `${key}: ${formatValue(value, 40)}`);
  if (args.length === 0) return call.name;
  const inner = args.join(', ');
  return `${call.name}(${inner.length > max ? `${inner.slice(0, max - 1)}…` : inner})`;
}

/** Every call, comma separated: `canvas(type: "document"), search(q: "x")`. */
export function formatCalls(calls: ToolCall[]): string {
  return calls.map((call) => formatCall(call)).join(', ');
}

/** Tool names only, for "(called search, canvas)" asides. */
export function callNames(calls: ToolCall[]): string {
  return [...new Set(calls.map((call) => call.name))].join(', ');
}
