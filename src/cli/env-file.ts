import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { rememberSecret } from '../secrets/redact.js';

/**
 * Read `.env` from the working directory into `env`. Variables already set win, so a CI secret
 * is never shadowed by a stale file. Every value in the file counts as a secret (src/secrets/redact.ts):
 * `.env` is where people keep keys, whatever they name them.
 */
export function loadEnvFile(cwd: string, env: NodeJS.ProcessEnv): void {
  const file = path.join(cwd, '.env');
  if (!existsSync(file)) return;
  const values = parseEnv(readFileSync(file, 'utf8'));
  for (const [key, value] of Object.entries(values)) {
    rememberSecret(key, value);
    if (env[key] === undefined && value !== undefined) env[key] = value;
  }
}
