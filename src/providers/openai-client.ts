import OpenAI from 'openai';
import { keepAliveFetch } from './keep-alive-fetch.js';
import type { ClientSettings } from './sdk-clients.js';

// No SDK retries (the runner owns retries), silent, and the keep-alive fetch (see keep-alive-fetch.ts).

export function createOpenAIClient(settings: ClientSettings, env: NodeJS.ProcessEnv): OpenAI {
  return new OpenAI({
    apiKey: settings.apiKey,
    baseURL: settings.baseURL ?? null,
    organization: env.OPENAI_ORG_ID ?? null,
    project: env.OPENAI_PROJECT_ID ?? null,
    maxRetries: 0,
    timeout: settings.timeoutMs,
    logLevel: 'off',
    fetch: keepAliveFetch(),
  });
}
