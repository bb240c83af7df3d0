import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { isSettingRatherThanSecret } from '../secrets/env-setting.js';
import { rememberSecret } from '../secrets/redact.js';

/**
 * Read `.env` from the working directory into `env`. Variables already set win, so a CI secret
 * is never shadowed by a stale file. Every value in the file counts as a secret (src/secrets/redact.ts):
 * `.env` is where people keep keys, whatever they name them. Except settings such as OPENAI_BASE_URL
 * or a model name (src/secrets/env-setting.ts): hiding those would hide what a user needs to debug.
 */
export function loadEnvFile(cwd: string, env: NodeJS.ProcessEnv): void {
  const file = path.join(cwd, '.env');
  if (!existsSync(file)) return;
  const values = parseEnv(readFileSync(file, 'utf8'));
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && !isSettingRatherThanSecret(key, value)) rememberSecret(key, value);
    if (env[key] === undefined && value !== undefined) env[key] = value;
  }
}
