import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';

/**
 * Read `.env` from the working directory into `env`. Variables already set win, so a CI secret
 * is never shadowed by a stale file.
 */
export function loadEnvFile(cwd: string, env: NodeJS.ProcessEnv): void {
  const file = path.join(cwd, '.env');
  if (!existsSync(file)) return;
  const values = parseEnv(readFileSync(file, 'utf8'));
  for (const [key, value] of Object.entries(values)) {
    if (env[key] === undefined && value !== undefined) env[key] = value;
  }
}
