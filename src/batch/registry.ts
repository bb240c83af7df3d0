import { providerRef } from '../providers/registry.js';
import type { ProviderContext } from '../providers/types.js';
import type { SystemConfig } from '../types.js';
import type { BatchClient } from './types.js';

// The batch client of each provider whose entry is `batchable` (src/providers/registry.ts); every
// other system runs through normal calls. Loaded when used, like the providers: each pulls in its SDK.

type BatchClientFactory = (context: ProviderContext) => BatchClient;

/** By provider prefix; the registry test checks these are exactly the `batchable` entries. */
export const batchClientFactories: ReadonlyMap<string, () => Promise<BatchClientFactory>> = new Map<string, () => Promise<BatchClientFactory>>([
  ['openai', async () => (await import('./openai-batch.js')).createOpenAIBatchClient],
  ['anthropic', async () => (await import('./anthropic-batch.js')).createAnthropicBatchClient],
]);

/**
 * The batch client for a system, configured like its provider (key variable, base URL, timeout);
 * undefined when the provider has no batch API (its entry is not `batchable`).
 */
export async function createBatchClient(system: SystemConfig, env: NodeJS.ProcessEnv, cwd: string): Promise<BatchClient | undefined> {
  const { prefix, target, entry } = providerRef(system.provider);
  const load = entry.describe.batchable ? batchClientFactories.get(prefix) : undefined;
  return load && (await load())({ target, system, env, cwd });
}
