import { createHash } from 'node:crypto';

// Its own file, not in sdk-clients.ts: the CLI's entry imports sdk-clients.ts (for the key
// variables' names), and importing node:crypto as an ES module costs ~10 ms that `evals --version`
// and `--help` do not need.

/** The endpoint and a hash of the key: who a provider's rate limits belong to (never the key itself). */
export function rateLimitScope(endpoint: string, apiKey: string | undefined): string {
  return `${endpoint} ${createHash('sha256')
    .update(apiKey ?? '')
    .digest('hex')
    .slice(0, 16)}`;
}
