import { parseProviderId } from '../providers/registry.js';
import type { ProviderContext } from '../providers/types.js';
import type { SystemConfig } from '../types.js';
import { createAnthropicBatchClient } from './anthropic-batch.js';
import { createOpenAIBatchClient } from './openai-batch.js';
import type { BatchClient } from './types.js';

// Which provider prefixes have a batch API; every other system runs through normal calls.

const factories = new Map<string, (context: ProviderContext) => BatchClient>([
  ['openai', createOpenAIBatchClient],
  ['anthropic', createAnthropicBatchClient],
]);

/**
 * The batch client for a system, configured like its provider (key variable, base URL, timeout);
 * undefined when the provider has no batch API (exec:, http:, column:).
 */
export function createBatchClient(system: SystemConfig, env: NodeJS.ProcessEnv, cwd: string): BatchClient | undefined {
  const { prefix, target } = parseProviderId(system.provider);
  return factories.get(prefix)?.({ target, system, env, cwd });
}
