import type { ToolCall, ToolSpec } from '../types.js';
import type { ExampleLine, TrainingExample } from './types.js';

// OpenAI's chat fine-tuning format (supervised), one JSON object per line:
//   {"messages": [{role: system|user|assistant, content}…, {role: assistant, content?, tool_calls: [
//     {id, type: "function", function: {name, arguments: "<JSON string>"}}]}], "tools": [{type: "function",
//     function: {name, description, parameters}}]}
// Source: OpenAI, "Supervised fine-tuning" guide, "Tool calling" example, and the API reference's
// FineTuneChatRequestInput (https://platform.openai.com/docs/guides/supervised-fine-tuning,
// https://platform.openai.com/docs/api-reference/fine-tuning/chat-input). The assistant message that
// calls tools may omit `content`; `arguments` is a string holding JSON, as the chat API returns it.

/** The tools list as the chat API and the fine-tuning file take it. */
export function openAiTools(tools: readonly ToolSpec[]): Array<Record<string, unknown>> {
  return tools.map((tool) => ({
    type: 'function',
    function: { name: tool.name, ...(tool.description !== undefined ? { description: tool.description } : {}), parameters: tool.parameters },
  }));
}

/** A reply as an OpenAI assistant message; call ids are stable (`call_1`, …) so the same sheet gives the same file. */
export function openAiAssistantMessage(reply: { text: string; toolCalls: readonly ToolCall[] }): Record<string, unknown> {
  const message: Record<string, unknown> = { role: 'assistant' };
  if (reply.text !== '' || reply.toolCalls.length === 0) message.content = reply.text;
  if (reply.toolCalls.length > 0) {
    message.tool_calls = reply.toolCalls.map((call, index) => ({
      id: `call_${index + 1}`,
      type: 'function',
      function: { name: call.name, arguments: JSON.stringify(call.arguments) },
    }));
  }
  return message;
}

/** A call the example's tools list does not declare would teach the model a tool it is never given. */
export function undeclaredTool(reply: { toolCalls: readonly ToolCall[] }, tools: readonly ToolSpec[]): string | undefined {
  const names = new Set(tools.map((tool) => tool.name));
  const missing = reply.toolCalls.find((call) => !names.has(call.name));
  if (!missing) return undefined;
  return tools.length === 0 ? `the ideal calls ${missing.name}, but the system has no tools file` : `the ideal calls ${missing.name}, which is not in the system's tools`;
}

export function openAiChatLine(example: TrainingExample): ExampleLine {
  const undeclared = undeclaredTool(example.reply, example.tools);
  if (undeclared) return { refused: undeclared };
  const messages = [...example.messages.map((m) => ({ role: m.role, content: m.content })), openAiAssistantMessage(example.reply)];
  return { line: { messages, ...(example.tools.length ? { tools: openAiTools(example.tools) } : {}) } };
}
