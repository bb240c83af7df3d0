import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { missingKeyError } from '../providers/errors.js';
import { isLocalUrl } from '../providers/local-url.js';
import type { SystemConfig } from '../types.js';
import { keepAliveFetch } from '../providers/keep-alive-fetch.js';

// The SDK clients, configured exactly as src/providers/openai.ts and anthropic.ts configure theirs
// (key variable, base URL, no SDK retries, timeout, silent). Duplicated rather than shared because
// the providers build theirs inline; fold both into one helper when providers/ is next edited.

export const DEFAULT_TIMEOUT_MS = 60_000;

export interface ClientSettings {
  apiKey: string;
  baseURL: string | undefined;
  timeoutMs: number;
}

/** Key, base URL and timeout for a system, with the providers' rule that a local server needs no key. */
export function clientSettings(system: SystemConfig, env: NodeJS.ProcessEnv, defaults: { keyEnv: string; baseUrlEnv: string }): ClientSettings {
  const keyEnv = system.apiKeyEnv ?? defaults.keyEnv;
  const baseURL = system.baseUrl ?? env[defaults.baseUrlEnv];
  const keyOptional = isLocalUrl(baseURL) && system.apiKeyEnv === undefined;
  const apiKey = env[keyEnv] || (keyOptional ? 'no-key-needed' : undefined);
  if (!apiKey) throw missingKeyError(keyEnv);
  return { apiKey, baseURL, timeoutMs: system.timeoutMs ?? DEFAULT_TIMEOUT_MS };
}

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

/** Uploads and result downloads move whole batches; give them at least ten minutes whatever the per-call timeout. */
export function transferTimeout(settings: ClientSettings): number {
  return Math.max(settings.timeoutMs, 600_000);
}
