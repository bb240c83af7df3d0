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

/** Key, base URL and timeout for a system. A local server needs no key, unless the suite named a key variable. */
export function resolveCredentials(system: SystemConfig, env: NodeJS.ProcessEnv, defaults: { keyEnv: string; baseUrlEnv: string }): Credentials {
  const keyEnv = system.apiKeyEnv ?? defaults.keyEnv;
  const baseURL = system.baseUrl ?? env[defaults.baseUrlEnv];
  const keyOptional = isLocalUrl(baseURL) && system.apiKeyEnv === undefined;
  const apiKey = env[keyEnv] || (keyOptional ? 'no-key-needed' : undefined);
  return { keyEnv, apiKey, baseURL, timeoutMs: system.timeoutMs ?? DEFAULT_TIMEOUT_MS };
}

/** The same, for callers that cannot go on without a key. */
export function clientSettings(system: SystemConfig, env: NodeJS.ProcessEnv, defaults: { keyEnv: string; baseUrlEnv: string }): ClientSettings {
  const { keyEnv, apiKey, baseURL, timeoutMs } = resolveCredentials(system, env, defaults);
  if (!apiKey) throw missingKeyError(keyEnv);
  return { apiKey, baseURL, timeoutMs };
}

export const OPENAI_ENV = { keyEnv: 'OPENAI_API_KEY', baseUrlEnv: 'OPENAI_BASE_URL' };
export const ANTHROPIC_ENV = { keyEnv: 'ANTHROPIC_API_KEY', baseUrlEnv: 'ANTHROPIC_BASE_URL' };

/** Uploads and result downloads move whole batches; give them at least ten minutes whatever the per-call timeout. */
export function transferTimeout(settings: ClientSettings): number {
  return Math.max(settings.timeoutMs, 600_000);
}
