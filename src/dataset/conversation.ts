import type { Message } from '../types.js';
import { describeNearMiss, nearMissRole } from './role-label.js';

// The `input` cell in its three forms: a plain user message, a conversation typed as
// `user:` / `assistant:` / `system:` blocks, or a JSON array of {role, content}.

type Role = Message['role'];

const ROLES: readonly Role[] = ['system', 'user', 'assistant'];
const ROLE_LINE = /^[ \t]*(user|assistant|system)[ \t]*:[ \t]?(.*)$/i;
// `[{` or `[]` opens a JSON conversation; `[URGENT] please...` is an ordinary message.
const JSON_START = /^\[\s*[{\]]/;

/** `warnings`, when present, are slips the cell was read despite (a near-miss role label). */
export type ParsedConversation = { messages: Message[]; warnings?: string[] } | { error: string };

/**
 * Turn an `input` cell into messages. Use for every dataset format, so a conversation typed in a
 * spreadsheet and one written in JSONL mean the same thing. Returns `{error}` (one line a PM can act
 * on) instead of throwing, so the caller can attach the row and column.
 */
export function parseConversation(text: string): ParsedConversation {
  const trimmed = text.trim();
  if (trimmed === '') return { error: 'is empty (every case needs an input)' };
  if (JSON_START.test(trimmed)) return parseJsonConversation(trimmed);
  const firstLine = trimmed.split('\n', 1)[0];
  if (ROLE_LINE.test(firstLine)) return parseRoleBlocks(trimmed);
  const messages: Message[] = [{ role: 'user', content: trimmed }];
  const miss = nearMissRole(firstLine);
  return miss ? { messages, warnings: [`first line ${describeNearMiss(miss)} (read as plain text)`] } : { messages };
}

function parseRoleBlocks(text: string): ParsedConversation {
  const messages: Message[] = [];
  const warnings: string[] = [];
  let current: { role: Role; lines: string[] } | undefined;
  const flush = (): string | undefined => {
    if (!current) return undefined;
    const content = current.lines.join('\n').trim();
    if (content === '') return `turn ${messages.length + 1} ("${current.role}:") is empty`;
    messages.push({ role: current.role, content });
    return undefined;
  };
  for (const [index, line] of text.split('\n').entries()) {
    const match = ROLE_LINE.exec(line);
    if (match) {
      const error = flush();
      if (error) return { error };
      current = { role: match[1].toLowerCase() as Role, lines: [match[2]] };
    } else {
      // A slip in a later label silently merges two turns, so it is worth the same warning.
      const miss = nearMissRole(line);
      if (miss && current) warnings.push(`line ${index + 1} ${describeNearMiss(miss)} (read as part of the "${current.role}:" turn)`);
      current?.lines.push(line);
    }
  }
  const error = flush();
  if (error) return { error };
  return warnings.length ? { messages, warnings } : { messages };
}

function parseJsonConversation(text: string): ParsedConversation {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { error: `starts with "[" but is not a valid JSON array of {role, content} (${reason})` };
  }
  if (!Array.isArray(data)) return { error: 'must be a JSON array of {role, content}' };
  if (data.length === 0) return { error: 'is an empty JSON array (it needs at least one message)' };
  const messages: Message[] = [];
  for (const [index, item] of data.entries()) {
    const parsed = parseJsonMessage(item, index + 1);
    if ('error' in parsed) return parsed;
    messages.push(parsed.message);
  }
  return { messages };
}

function parseJsonMessage(item: unknown, position: number): { message: Message } | { error: string } {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    return { error: `message ${position} is not an object like {"role": "user", "content": "..."}` };
  }
  const { role, content } = item as Record<string, unknown>;
  const normalizedRole = typeof role === 'string' ? role.trim().toLowerCase() : undefined;
  if (!ROLES.includes(normalizedRole as Role)) {
    const shown = role === undefined ? 'no "role"' : `role ${JSON.stringify(role)}`;
    return { error: `message ${position} has ${shown} (use "system", "user" or "assistant")` };
  }
  const text = contentText(content);
  if (text === undefined) return { error: `message ${position} has no text "content"` };
  return { message: { role: normalizedRole as Role, content: text } };
}

// OpenAI-style content parts ([{type: "text", text}]) are flattened, since that is what people paste.
function contentText(content: unknown): string | undefined {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return undefined;
  const parts: string[] = [];
  for (const part of content) {
    if (typeof part === 'string') parts.push(part);
    else if (typeof part === 'object' && part !== null && typeof (part as { text?: unknown }).text === 'string') {
      parts.push((part as { text: string }).text);
    } else return undefined;
  }
  return parts.join('\n');
}
