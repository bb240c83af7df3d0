import type { Message, ToolCall } from '../types.js';

/**
 * A logged conversation as a candidate case: the turns up to the last user turn are the input, and the
 * first assistant turn after it is the product's recorded reply. System turns are left out: the suite
 * renders its own system prompt. Undefined when there is no user turn with text.
 */
export function cutAtLastUserTurn(turns: Array<{ role: string; text: string; toolCalls: ToolCall[] }>): { messages: Message[]; reply: { text: string; toolCalls: ToolCall[] } } | undefined {
  const spoken = turns.filter((turn) => (turn.role === 'user' && turn.text.trim() !== '') || turn.role === 'assistant');
  let last = -1;
  spoken.forEach((turn, index) => {
    if (turn.role === 'user') last = index;
  });
  if (last < 0) return undefined;
  const messages = spoken
    .slice(0, last + 1)
    .filter((turn) => turn.role === 'user' || turn.text.trim() !== '')
    .map((turn) => ({ role: turn.role as Message['role'], content: turn.text.trim() }));
  const answer = spoken[last + 1];
  return { messages, reply: answer ? { text: answer.text.trim(), toolCalls: answer.toolCalls } : { text: '', toolCalls: [] } };
}
