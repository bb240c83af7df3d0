import type { ExampleLine, TrainingExample } from './types.js';

// Anthropic's fine-tuning format: Claude 3 Haiku is fine-tuned through Amazon Bedrock, one JSON object
// per line: {"system": "<optional>", "messages": [{"role": "user", "content": "…"}, {"role": "assistant",
// "content": "…"}, …]}. At least two messages; the first from the user, the last from the assistant;
// user and assistant alternate; no other keys. Source: Anthropic's cookbook "Finetuning Claude 3 Haiku
// on Bedrock" (https://platform.claude.com/cookbook/finetuning-finetuning-on-bedrock) and AWS's "Prepare
// your training datasets" for Bedrock model customization. The format has no tools and no tool calls, so
// an ideal that calls a tool is refused (and counted) rather than flattened into text.

export function anthropicLine(example: TrainingExample): ExampleLine {
  if (example.reply.toolCalls.length > 0) return { refused: 'the ideal calls a tool, and the Bedrock Claude fine-tuning format has no tool calls' };
  if (example.reply.text.trim() === '') return { refused: 'the ideal has no text reply' };
  const system = example.messages
    .filter((m) => m.role === 'system')
    .map((m) => m.content)
    .join('\n\n');
  const turns = example.messages.filter((m) => m.role !== 'system').map((m) => ({ role: m.role, content: m.content }));
  turns.push({ role: 'assistant', content: example.reply.text });
  if (turns[0]?.role !== 'user') return { refused: 'the conversation does not start with a user turn' };
  if (turns.some((turn, i) => i > 0 && turn.role === turns[i - 1].role)) return { refused: 'the turns do not alternate user / assistant' };
  return { line: { ...(system ? { system } : {}), messages: turns } };
}
