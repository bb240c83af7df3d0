import type { ToolCall } from '../types.js';
import type { ScrubRule } from './scrub-rules.js';
import type { LoggedConversation } from './types.js';

/** One replacement: where and by which rule. The value replaced is never kept, so it cannot be shown. */
export interface Replacement {
  /** `input`, `current_behavior`, or the metadata column it was in. */
  column: string;
  rule: string;
}

/** `text` with every rule applied in order; each replacement counted against its rule. */
function scrubText(text: string, rules: readonly ScrubRule[], column: string, found: Replacement[]): string {
  let out = text;
  for (const rule of rules) {
    out = out.replace(rule.pattern, (match) => {
      if (rule.accept && !rule.accept(match)) return match;
      found.push({ column, rule: rule.name });
      return rule.replacement;
    });
  }
  return out;
}

function scrubValue(value: unknown, rules: readonly ScrubRule[], found: Replacement[]): unknown {
  if (typeof value === 'string') return scrubText(value, rules, 'current_behavior', found);
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, rules, found));
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, scrubValue(item, rules, found)]));
  return value;
}

/**
 * A conversation with personal data replaced everywhere it is written to the candidates: every turn,
 * the reply's text and tool-call arguments, and the metadata columns.
 */
export function scrubConversation(conversation: LoggedConversation, rules: readonly ScrubRule[]): { conversation: LoggedConversation; replacements: Replacement[] } {
  const found: Replacement[] = [];
  const messages = conversation.messages.map((m) => ({ ...m, content: scrubText(m.content, rules, 'input', found) }));
  const text = scrubText(conversation.reply.text, rules, 'current_behavior', found);
  const toolCalls: ToolCall[] = conversation.reply.toolCalls.map((call) => ({ name: call.name, arguments: scrubValue(call.arguments, rules, found) as Record<string, unknown> }));
  const columns = Object.fromEntries(Object.entries(conversation.columns).map(([key, value]) => [key, scrubText(value, rules, key, found)]));
  return { conversation: { ...conversation, messages, reply: { text, toolCalls }, columns }, replacements: found };
}
