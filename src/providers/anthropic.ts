import Anthropic, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from '@anthropic-ai/sdk';
import type { Output, ToolCall } from '../types.js';
import { classifySdkError, describeBody, malformedError, missingKeyError } from './errors.js';
import { isObject, readUsage } from './json-output.js';
import type { Provider, ProviderContext, ProviderFactory, ProviderRequest } from './types.js';
import { createAnthropicClient } from './anthropic-client.js';
import { ANTHROPIC_ENV, endpointOf, resolveCredentials } from './sdk-clients.js';
import { rateLimitScope } from './rate-limit-scope.js';
import { hearRateLimits } from './rate-limit-headers.js';
import { startStopwatch } from './stopwatch.js';

// `anthropic:<model>`: the Messages API. System turns go to `system`, tools use `input_schema`.

const DEFAULT_MAX_TOKENS = 1024;
const SDK_ERRORS = { APIError, APIConnectionError, APIConnectionTimeoutError, APIUserAbortError };

/** The Messages request body; `max_tokens` is required by the API, so it defaults to 1024. */
export function anthropicRequestBody(model: string, request: ProviderRequest, context: ProviderContext): Record<string, unknown> {
  const { temperature, maxTokens, topP, stop, extra } = context.system.params;
  const system = request.messages.filter((m) => m.role === 'system').map((m) => m.content);
  return {
    model,
    max_tokens: maxTokens ?? DEFAULT_MAX_TOKENS,
    ...(system.length ? { system: system.join('\n\n') } : {}),
    messages: request.messages.filter((m) => m.role !== 'system').map((m) => ({ role: m.role, content: m.content })),
    ...(request.tools.length ? { tools: request.tools.map((t) => ({ name: t.name, ...(t.description ? { description: t.description } : {}), input_schema: t.parameters })) } : {}),
    ...(temperature !== undefined ? { temperature } : {}),
    ...(topP !== undefined ? { top_p: topP } : {}),
    ...(stop?.length ? { stop_sequences: stop } : {}),
    ...extra,
  };
}

/**
 * Normalize a Messages response. Adjacent text blocks (split by citations) join with nothing;
 * text on either side of a tool call joins with a newline, so sentences do not run together.
 */
export function normalizeMessage(body: unknown, latencyMs: number): Output {
  if (!isObject(body)) throw malformedError('anthropic', `expected a JSON object, got ${describeBody(body)}`);
  if (!Array.isArray(body.content)) throw malformedError('anthropic', 'the response has no content array');
  let text = '';
  let previousWasText = false;
  const toolCalls: ToolCall[] = [];
  for (const block of body.content) {
    if (!isObject(block)) continue;
    if (block.type === 'text' && typeof block.text === 'string') {
      text += text && !previousWasText ? `\n${block.text}` : block.text;
      previousWasText = true;
      continue;
    }
    previousWasText = false;
    if (block.type === 'tool_use' && typeof block.name === 'string') {
      toolCalls.push({ name: block.name, arguments: isObject(block.input) ? block.input : {} });
    }
  }
  return { text, toolCalls, usage: readUsage(body.usage), latencyMs, raw: body };
}

/** Create the `anthropic:` provider. The client is built on first call so a missing key is reported, not thrown. */
export const createAnthropicProvider: ProviderFactory = (context) => {
  const { system, env, target } = context;
  const { keyEnv, apiKey, baseURL, timeoutMs } = resolveCredentials(system, env, ANTHROPIC_ENV);
  // Built up front when the key is there: the first request of a run should not pay for it.
  let client: Anthropic | undefined = apiKey ? createAnthropicClient({ apiKey, baseURL, timeoutMs }) : undefined;

  const provider: Provider = {
    id: system.provider,
    endpoint: endpointOf(system.baseUrl, env, ANTHROPIC_ENV),
    rateLimitScope: rateLimitScope(baseURL ?? ANTHROPIC_ENV.defaultBaseUrl, apiKey),
    missingCredential: () => (apiKey ? undefined : keyEnv),
    async call(request) {
      const elapsedMs = startStopwatch();
      try {
        if (!apiKey) throw missingKeyError(keyEnv);
        client ??= createAnthropicClient({ apiKey, baseURL, timeoutMs });
        // `messages.create` console.warns for deprecated models on every call; nothing below the CLI
        // may print, so post the same body to the same endpoint through the same client instead.
        const body = anthropicRequestBody(target, request, context);
        // With the response, for its rate-limit headers (see rate-limit-headers.ts).
        const { data, response } = await client.post<unknown>('/v1/messages', { body, signal: request.signal, timeout: timeoutMs }).withResponse();
        hearRateLimits(request.onRateLimits, response.headers);
        return normalizeMessage(data, elapsedMs());
      } catch (error) {
        if (error instanceof APIError) hearRateLimits(request.onRateLimits, error.headers, error.status);
        throw classifySdkError(error, { sdk: SDK_ERRORS, secrets: [apiKey], signal: request.signal, timeoutMs, label: 'anthropic', endpoint: provider.endpoint });
      }
    },
  };
  return provider;
};
