import { ConfigurationError } from '../errors.js';
import { didYouMean } from '../suggest.js';
import type { SystemConfig } from '../types.js';
import type { Provider, ProviderFactory } from './types.js';

// Provider ids are `<prefix>:<target>`, looked up by exact prefix: adding a provider is a file and
// a line here, and no prefix can shadow another by coming first. Each provider's module is loaded
// when a suite uses it: the two SDKs take ~50 and ~120 ms to load, and a run of recorded columns
// or commands should not wait for either.

const factories = new Map<string, () => Promise<ProviderFactory>>([
  ['openai', async () => (await import('./openai.js')).createOpenAIProvider],
  ['anthropic', async () => (await import('./anthropic.js')).createAnthropicProvider],
  ['exec', async () => (await import('./exec.js')).createExecProvider],
  ['http', async () => (await import('./http.js')).createHttpProvider],
  ['column', async () => (await import('./column.js')).createColumnProvider],
]);

/** Every known prefix, for help texts and "did you mean". */
export const providerPrefixes: readonly string[] = [...factories.keys()];

/**
 * Split a provider id on its FIRST colon: `http:https://x` → `{prefix: 'http', target: 'https://x'}`.
 * Throws ConfigurationError when there is no prefix or no target.
 */
export function parseProviderId(id: string): { prefix: string; target: string } {
  const colon = id.indexOf(':');
  const prefix = colon === -1 ? '' : id.slice(0, colon).trim();
  const target = colon === -1 ? '' : id.slice(colon + 1).trim();
  if (!prefix || !target) {
    throw new ConfigurationError(`provider "${id}" must look like "<provider>:<target>", e.g. "openai:gpt-4o-mini" or "column:current_behavior" (providers: ${providerPrefixes.join(', ')})`);
  }
  return { prefix, target };
}

/**
 * Build the provider for a resolved system. Use once per system per run; `env` supplies keys and
 * base URLs (so tests can pass their own), `cwd` is where `exec:` commands run.
 */
export async function createProvider(system: SystemConfig, env: NodeJS.ProcessEnv, cwd: string): Promise<Provider> {
  const { prefix, target } = parseProviderId(system.provider);
  const load = factories.get(prefix);
  if (!load) {
    throw new ConfigurationError(
      `system "${system.name}": unknown provider "${prefix}" in "${system.provider}"${didYouMean(prefix, providerPrefixes)}; known providers: ${providerPrefixes.join(', ')}`,
    );
  }
  const factory = await load();
  return factory({ target, system, env, cwd });
}
