import { parseProviderId } from '../providers/registry.js';
import type { ProviderContext } from '../providers/types.js';
import type { SystemConfig } from '../types.js';
import type { BatchClient } from './types.js';

// Which provider prefixes have a batch API; every other system runs through normal calls. Loaded
// when used, like the providers (registry.ts there): each pulls in its SDK.

const factories = new Map<string, () => Promise<(context: ProviderContext) => BatchClient>>([
  ['openai', async () => (await import('./openai-batch.js')).createOpenAIBatchClient],
  ['anthropic', async () => (await import('./anthropic-batch.js')).createAnthropicBatchClient],
]);

/**
 * The batch client for a system, configured like its provider (key variable, base URL, timeout);
 * undefined when the provider has no batch API (exec:, http:, column:).
 */
export async function createBatchClient(system: SystemConfig, env: NodeJS.ProcessEnv, cwd: string): Promise<BatchClient | undefined> {
  const { prefix, target } = parseProviderId(system.provider);
  const load = factories.get(prefix);
  return load && (await load())({ target, system, env, cwd });
}
