import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import type { Output, ToolCall } from '../types.js';
import { classifySdkError, describeBody, malformedError, missingKeyError } from './errors.js';
import { isObject, parseArgumentsJson, readUsage } from './json-output.js';
import type { Provider, ProviderContext, ProviderFactory, ProviderRequest } from './types.js';
import { createOpenAIClient } from './openai-client.js';
import { OPENAI_ENV, endpointOf, resolveCredentials } from './sdk-clients.js';
import { rateLimitScope } from './rate-limit-scope.js';
import { hearRateLimits } from './rate-limit-headers.js';
import { startStopwatch } from './stopwatch.js';

// `openai:<model>`: the Chat Completions API, and any OpenAI-compatible server via base_url.

const SDK_ERRORS = { APIError, APIConnectionError, APIConnectionTimeoutError, APIUserAbortError };

/** The request body: messages as given, tools in OpenAI's function format, params, then `extra` verbatim. */
export function openaiRequestBody(model: string, request: ProviderRequest, context: ProviderContext): Record<string, unknown> {
  const { temperature, maxTokens, topP, stop, extra } = context.system.params;
  return {
    model,
    messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
    ...(request.tools.length ? { tools: request.tools.map((t) => ({ type: 'function', function: { name: t.name, description: t.description, parameters: t.parameters } })) } : {}),
    ...(temperature !== undefined ? { temperature } : {}),
    ...(maxTokens !== undefined ? { max_tokens: maxTokens } : {}),
    ...(topP !== undefined ? { top_p: topP } : {}),
    ...(stop?.length ? { stop } : {}),
    ...extra,
  };
}

/** Normalize a Chat Completions response body; throws a `malformed` ProviderError when it is not one. */
export function normalizeChatCompletion(body: unknown, latencyMs: number): Output {
  if (!isObject(body)) throw malformedError('openai', `expected a JSON object, got ${describeBody(body)}`);
  const choice = Array.isArray(body.choices) ? body.choices[0] : undefined;
  if (!isObject(choice) || !isObject(choice.message)) throw malformedError('openai', 'the response has no choices[0].message');
  const message = choice.message;
  const toolCalls: ToolCall[] = [];
  for (const call of Array.isArray(message.tool_calls) ? message.tool_calls : []) {
    if (!isObject(call) || !isObject(call.function) || typeof call.function.name !== 'string') continue;
    const args = call.function.arguments;
    toolCalls.push({ name: call.function.name, arguments: typeof args === 'string' ? parseArgumentsJson(args) : isObject(args) ? args : {} });
  }
  const text = typeof message.content === 'string' ? message.content : typeof message.refusal === 'string' ? message.refusal : '';
  return { text, toolCalls, usage: readUsage(body.usage), latencyMs, ...servedBy(body), raw: body };
}

/** The response's `model` and `system_fingerprint`, when the server sent them. */
function servedBy(body: Record<string, unknown>): Pick<Output, 'servedBy'> {
  const model = typeof body.model === 'string' && body.model ? body.model : undefined;
  const fingerprint = typeof body.system_fingerprint === 'string' && body.system_fingerprint ? body.system_fingerprint : undefined;
  return model || fingerprint ? { servedBy: { ...(model ? { model } : {}), ...(fingerprint ? { fingerprint } : {}) } } : {};
}

/** Create the `openai:` provider. The client is built on first call so a missing key is reported, not thrown. */
export const createOpenAIProvider: ProviderFactory = (context) => {
  const { system, env, target } = context;
  const { keyEnv, apiKey, baseURL, timeoutMs } = resolveCredentials(system, env, OPENAI_ENV);
  // Built up front when the key is there: the first request of a run should not pay for it.
  let client: OpenAI | undefined = apiKey ? createOpenAIClient({ apiKey, baseURL, timeoutMs }, env) : undefined;

  const provider: Provider = {
    id: system.provider,
    endpoint: endpointOf(system.baseUrl, env, OPENAI_ENV),
    customEndpoint: baseURL !== undefined,
    rateLimitScope: rateLimitScope(baseURL ?? OPENAI_ENV.defaultBaseUrl, apiKey),
    missingCredential: () => (apiKey ? undefined : keyEnv),
    async call(request) {
      const elapsedMs = startStopwatch();
      try {
        if (!apiKey) throw missingKeyError(keyEnv);
        client ??= createOpenAIClient({ apiKey, baseURL, timeoutMs }, env);
        const body = openaiRequestBody(target, request, context) as unknown as ChatCompletionCreateParamsNonStreaming;
        // With the response, for its rate-limit headers (see rate-limit-headers.ts).
        const { data, response } = await client.chat.completions.create(body, { signal: request.signal, timeout: timeoutMs }).withResponse();
        hearRateLimits(request.onRateLimits, response.headers);
        return normalizeChatCompletion(data as unknown, elapsedMs());
      } catch (error) {
        if (error instanceof APIError) hearRateLimits(request.onRateLimits, error.headers, error.status);
        throw classifySdkError(error, { sdk: SDK_ERRORS, secrets: [apiKey], signal: request.signal, timeoutMs, label: 'openai', endpoint: provider.endpoint });
      }
    },
  };
  return provider;
};
