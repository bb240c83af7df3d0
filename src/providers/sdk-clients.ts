import type { SystemConfig } from '../types.js';
import { missingKeyError } from './errors.js';
import { isLocalUrl } from './local-url.js';

// What the SDK clients are configured with, for normal calls and the Batch APIs alike: the key
// variable, the base URL, the timeout. The clients themselves live in openai-client.ts and
// anthropic-client.ts, so a run loads only the SDKs its systems use.

const DEFAULT_TIMEOUT_MS = 60_000;

export interface ClientSettings {
  apiKey: string;
  baseURL: string | undefined;
  timeoutMs: number;
}

export interface Credentials {
  /** The variable the key is read from (named when it is missing). */
  keyEnv: string;
  apiKey: string | undefined;
  baseURL: string | undefined;
  timeoutMs: number;
}

/** Where a provider reads its key and base URL from, and where it sends requests when nothing says otherwise. */
export interface ProviderCredentials {
  keyEnv: string;
  baseUrlEnv: string;
  /** The provider's own API, when neither `base_url` nor the variable names another. */
  defaultBaseUrl?: string;
}

/** Key, base URL and timeout for a system. A local server needs no key, unless the suite named a key variable. */
export function resolveCredentials(system: SystemConfig, env: NodeJS.ProcessEnv, defaults: ProviderCredentials): Credentials {
  const keyEnv = system.apiKeyEnv ?? defaults.keyEnv;
  const baseURL = system.baseUrl ?? env[defaults.baseUrlEnv];
  const keyOptional = isLocalUrl(baseURL) && system.apiKeyEnv === undefined;
  const apiKey = env[keyEnv] || (keyOptional ? 'no-key-needed' : undefined);
  return { keyEnv, apiKey, baseURL, timeoutMs: system.timeoutMs ?? DEFAULT_TIMEOUT_MS };
}

/** The same, for callers that cannot go on without a key. */
export function clientSettings(system: SystemConfig, env: NodeJS.ProcessEnv, defaults: ProviderCredentials): ClientSettings {
  const { keyEnv, apiKey, baseURL, timeoutMs } = resolveCredentials(system, env, defaults);
  if (!apiKey) throw missingKeyError(keyEnv);
  return { apiKey, baseURL, timeoutMs };
}

/**
 * The endpoint a system's requests go to, as its provider reports it and run.json records it: the
 * suite's `base_url`, else the provider's variable (OPENAI_BASE_URL), else the provider's own API.
 */
export function endpointOf(baseUrl: string | undefined, env: NodeJS.ProcessEnv, credentials: ProviderCredentials): string | undefined {
  return baseUrl ?? env[credentials.baseUrlEnv] ?? credentials.defaultBaseUrl;
}

export const OPENAI_ENV = { keyEnv: 'OPENAI_API_KEY', baseUrlEnv: 'OPENAI_BASE_URL', defaultBaseUrl: 'https://api.openai.com/v1' };
export const ANTHROPIC_ENV = { keyEnv: 'ANTHROPIC_API_KEY', baseUrlEnv: 'ANTHROPIC_BASE_URL', defaultBaseUrl: 'https://api.anthropic.com' };

/** Uploads and result downloads move whole batches; give them at least ten minutes whatever the per-call timeout. */
export function transferTimeout(settings: ClientSettings): number {
  return Math.max(settings.timeoutMs, 600_000);
}
