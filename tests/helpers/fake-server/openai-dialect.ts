import type { ApiDialect, FakeReply, FakeRequest } from './types.js';
import { errorType, estimateTokens, fakeId, flattenContent, isObject } from './shared.js';

// OpenAI Chat Completions, non-streaming: the shapes of `ChatCompletion` in node_modules/openai.

function parse(body: unknown, headers: FakeRequest['headers']): FakeRequest | string {
  if (!isObject(body)) return 'request body must be a JSON object';
  if (typeof body.model !== 'string') return 'you must provide a model parameter';
  if (!Array.isArray(body.messages)) return "'messages' is a required property";
  const system: string[] = [];
  const messages: FakeRequest['messages'] = [];
  for (const message of body.messages) {
    if (!isObject(message)) return 'each message must be an object';
    const role = String(message.role);
    let content = flattenContent(message.content);
    if (Array.isArray(message.tool_calls)) {
      const calls = message.tool_calls.map((call) => (isObject(call) && isObject(call.function) ? `[tool_call ${String(call.function.name)} ${String(call.function.arguments)}]` : ''));
      content = [content, ...calls].filter(Boolean).join('\n');
    }
    if (role === 'system' || role === 'developer') system.push(content);
    else messages.push({ role, content });
  }
  const tools = Array.isArray(body.tools)
    ? body.tools.filter(isObject).map((tool) => {
        const fn = isObject(tool.function) ? tool.function : {};
        return { name: String(fn.name), description: typeof fn.description === 'string' ? fn.description : undefined, parameters: fn.parameters };
      })
    : [];
  return { api: 'openai', model: body.model, system: system.length ? system.join('\n\n') : undefined, messages, tools, body, headers };
}

function render(reply: FakeReply, request: FakeRequest): unknown {
  const toolCalls = (reply.toolCalls ?? []).map((call) => ({
    id: fakeId('call_'),
    type: 'function',
    function: { name: call.name, arguments: typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments ?? {}) },
  }));
  const text = reply.text ?? (toolCalls.length ? null : '');
  const input = reply.usage?.input ?? estimateTokens([request.system ?? '', ...request.messages.map((m) => m.content)].join('\n'));
  const output = reply.usage?.output ?? estimateTokens((text ?? '') + JSON.stringify(toolCalls));
  return {
    id: fakeId('chatcmpl-'),
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: reply.model ?? request.model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: text, refusal: null, annotations: [], ...(toolCalls.length ? { tool_calls: toolCalls } : {}) },
        finish_reason: toolCalls.length ? 'tool_calls' : 'stop',
        logprobs: null,
      },
    ],
    usage: { prompt_tokens: input, completion_tokens: output, total_tokens: input + output },
    system_fingerprint: reply.systemFingerprint ?? 'fp_fake',
    service_tier: 'default',
  };
}

export const openaiDialect: ApiDialect = {
  api: 'openai',
  parse,
  render,
  errorBody: (status, message) => ({ error: { message, type: errorType(status), param: null, code: status === 429 ? 'rate_limit_exceeded' : null } }),
};
