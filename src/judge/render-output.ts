import type { Message, Output, ToolCall } from '../types.js';

// How a pair's inputs and outputs read as text: for the LLM judge's prompt and the human page.
// Tool calls use the same arrow form PMs write in spreadsheets, so both judges see one shape.

/** `→ canvas(type: "document", title: "Q3 plan")`: a tool call a person can read. */
export function formatToolCall(call: ToolCall): string {
  const args = Object.entries(call.arguments).map(([key, value]) => `${key}: ${JSON.stringify(value)}`);
  return `→ ${call.name}(${args.join(', ')})`;
}

/** The output as one block of text: its text, then one line per tool call. */
export function formatOutput(output: Pick<Output, 'text' | 'toolCalls'>): string {
  const parts = [output.text.trim(), ...output.toolCalls.map(formatToolCall)].filter(Boolean);
  return parts.length ? parts.join('\n') : '(empty response)';
}

/** `user: …` blocks, one per turn, the same form the dataset accepts in one cell. */
export function formatConversation(messages: readonly Message[]): string {
  return messages.map((m) => `${m.role}: ${m.content}`).join('\n\n');
}

/** Characters of text plus tool calls as formatted: what "verbosity" measures. */
export function outputLength(output: Pick<Output, 'text' | 'toolCalls'>): number {
  return [output.text.trim(), ...output.toolCalls.map(formatToolCall)].filter(Boolean).join('\n').length;
}
