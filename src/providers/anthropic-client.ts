import Anthropic from '@anthropic-ai/sdk';
import { keepAliveFetch } from './keep-alive-fetch.js';
import type { ClientSettings } from './sdk-clients.js';

// No SDK retries (the runner owns retries), silent, and the keep-alive fetch (see keep-alive-fetch.ts).

export function createAnthropicClient(settings: ClientSettings): Anthropic {
  return new Anthropic({
    apiKey: settings.apiKey,
    baseURL: settings.baseURL ?? 'https://api.anthropic.com',
    maxRetries: 0,
    timeout: settings.timeoutMs,
    logLevel: 'off',
    fetch: keepAliveFetch(),
  });
}
