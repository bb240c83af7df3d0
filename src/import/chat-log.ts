import type { Problem } from '../errors.js';
import { interpretJsonOutput, isObject } from '../providers/json-output.js';
import { cutAtLastUserTurn } from './cut-conversation.js';
import type { LoggedConversation } from './types.js';

// Production logs as JSON lines, one conversation a line:
// - openai: {"messages": [{role: system|developer|user|assistant|tool, content, tool_calls?}…], …} — the
//   chat completions request with the reply appended, as OpenAI's stored completions and most loggers write it;
// - anthropic: {"system"?, "messages": [{role: user|assistant, content: string | blocks}…], …} — the Messages
//   API's shape; tool_use blocks are the reply's tool calls, user turns holding only tool_result blocks are
//   not user turns.
// Any other top-level field with a plain value, and every field of a `metadata` object, becomes a column
// (for --stratify-by). A line that is not such an object is a problem naming the file and the line.

const ROLES = { openai: ['system', 'developer', 'user', 'assistant', 'tool', 'function'], anthropic: ['user', 'assistant'] };

function columnsOf(value: Record<string, unknown>): Record<string, string> {
  const columns: Record<string, string> = {};
  const add = (key: string, field: unknown) => {
    if (typeof field === 'string' || typeof field === 'number' || typeof field === 'boolean') columns[key] = String(field);
  };
  for (const [key, field] of Object.entries(value)) if (key !== 'messages' && key !== 'system') add(key, field);
  if (isObject(value.metadata)) for (const [key, field] of Object.entries(value.metadata)) add(key, field);
  return columns;
}

function readLine(text: string, format: 'openai' | 'anthropic'): Omit<LoggedConversation, 'file' | 'line'> | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'not valid JSON';
  }
  if (!isObject(value) || !Array.isArray(value.messages)) return 'not a conversation: expected an object with a "messages" array';
  const turns = [];
  for (const [index, message] of value.messages.entries()) {
    if (!isObject(message) || typeof message.role !== 'string') return `message ${index + 1} has no "role"`;
    if (!ROLES[format].includes(message.role)) return `message ${index + 1} has role "${message.role}" (the ${format} format has ${ROLES[format].join(', ')})`;
    const read = interpretJsonOutput(message.content === undefined ? { ...message, content: null } : message);
    if (!read) return `message ${index + 1} has no readable "content"`;
    turns.push({ role: message.role, text: read.text, toolCalls: message.role === 'assistant' ? read.toolCalls : [] });
  }
  const cut = cutAtLastUserTurn(turns);
  if (!cut) return 'no user turn with text';
  return { ...cut, columns: columnsOf(value) };
}

/** Every conversation of a JSONL log; problems collect every bad line (the caller throws them together). */
export function readChatLog(text: string, file: string, format: 'openai' | 'anthropic', problems: Problem[]): LoggedConversation[] {
  const conversations: LoggedConversation[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    if (raw.trim() === '') return;
    const read = readLine(raw, format);
    if (typeof read === 'string') problems.push({ file, row: index + 1, message: read });
    else conversations.push({ file, line: index + 1, ...read });
  });
  return conversations;
}
