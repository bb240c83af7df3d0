import type { ApiDialect, FakeReply, FakeRequest } from './types.js';
import { errorType, estimateTokens, fakeId, flattenContent, isObject } from './shared.js';

// Anthropic Messages, non-streaming: the shapes of `Message` in node_modules/@anthropic-ai/sdk.

function parse(body: unknown, headers: FakeRequest['headers']): FakeRequest | string {
  if (!isObject(body)) return 'request body must be a JSON object';
  if (typeof body.model !== 'string') return 'model: Field required';
  if (typeof body.max_tokens !== 'number') return 'max_tokens: Field required';
  if (!Array.isArray(body.messages)) return 'messages: Field required';
  const messages: FakeRequest['messages'] = [];
  for (const message of body.messages) {
    if (!isObject(message)) return 'messages: each message must be an object';
    if (message.role !== 'user' && message.role !== 'assistant') return `messages: unexpected role "${String(message.role)}"`;
    messages.push({ role: message.role, content: flattenContent(message.content) });
  }
  const system = body.system === undefined ? undefined : flattenContent(body.system);
  const tools = Array.isArray(body.tools)
    ? body.tools.filter(isObject).map((tool) => ({
        name: String(tool.name),
        description: typeof tool.description === 'string' ? tool.description : undefined,
        parameters: tool.input_schema,
      }))
    : [];
  return { api: 'anthropic', model: body.model, system, messages, tools, body, headers };
}

function render(reply: FakeReply, request: FakeRequest): unknown {
  const content: unknown[] = [];
  if (reply.text !== undefined && reply.text !== '') content.push({ type: 'text', text: reply.text, citations: null });
  for (const call of reply.toolCalls ?? []) {
    content.push({ type: 'tool_use', id: fakeId('toolu_'), name: call.name, input: call.arguments ?? {}, caller: { type: 'direct' } });
  }
  if (content.length === 0) content.push({ type: 'text', text: '', citations: null });
  const input = reply.usage?.input ?? estimateTokens([request.system ?? '', ...request.messages.map((m) => m.content)].join('\n'));
  const output = reply.usage?.output ?? estimateTokens(JSON.stringify(content));
  return {
    id: fakeId('msg_'),
    type: 'message',
    role: 'assistant',
    model: request.model,
    content,
    stop_reason: reply.toolCalls?.length ? 'tool_use' : 'end_turn',
    stop_sequence: null,
    container: null,
    usage: {
      input_tokens: input,
      output_tokens: output,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      server_tool_use: null,
      service_tier: 'standard',
    },
  };
}

export const anthropicDialect: ApiDialect = {
  api: 'anthropic',
  parse,
  render,
  errorBody: (status, message) => ({ type: 'error', error: { type: errorType(status), message } }),
};
