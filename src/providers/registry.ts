import { ConfigurationError } from '../errors.js';
import { didYouMean } from '../suggest.js';
import type { SystemConfig } from '../types.js';
import type { Price } from './types.js';
import { rememberSecretsFrom } from '../secrets/redact.js';
import { headerVariables } from './header-variables.js';
import { ANTHROPIC_ENV, OPENAI_ENV, type ProviderCredentials } from './sdk-clients.js';
import type { Provider, ProviderFactory } from './types.js';

// Provider ids are `<prefix>:<target>`, looked up by exact prefix: adding a provider is a file and
// an entry here, and no prefix can shadow another by coming first. What a provider can do is
// declared once, in its entry, and asked for by every module that needs to know (the cache, --batch,
// the gate, reports, lint) instead of each one reading the id. Each provider's module is loaded
// when a suite uses it: the two SDKs take ~50 and ~120 ms to load, and a run of recorded columns
// or commands should not wait for either. So an entry's description imports nothing heavy.

/** What a provider can do, declared in its entry. */
export interface ProviderCapabilities {
  /** Its answers depend only on the request, so the response cache may keep them. exec:/http: run the team's own code, which changes without the request changing. */
  cacheable: boolean;
  /** It has a batch API for `--batch` (a client in src/batch/registry.ts). */
  batchable: boolean;
  /** Its outputs are typed into a dataset column rather than made by a call: not gated by default, no tokens or latency, linted as cells. The target is the column. */
  recorded: boolean;
  /** The variable the key is read from by default (`api_key_env` overrides it), and the one for the base URL. */
  credentials?: ProviderCredentials;
  /** List prices in US dollars per million tokens by model-name prefix; the longest matching prefix wins. */
  prices?: Readonly<Record<string, Price>>;
}

export interface ProviderEntry {
  /** `openai` in `openai:gpt-4o-mini`. */
  prefix: string;
  describe: ProviderCapabilities;
  /** The factory, imported when a suite first uses the provider. */
  load: () => Promise<ProviderFactory>;
}

/** A provider id parsed once: its prefix, its target and the registry entry the prefix names. */
export interface ProviderRef {
  /** As written, e.g. `openai:gpt-4o-mini`. */
  id: string;
  prefix: string;
  /** `gpt-4o-mini`; the column of a `column:` system; the command of `exec:`. */
  target: string;
  entry: ProviderEntry;
}

const SDK = { cacheable: true, batchable: true, recorded: false } as const;
const OWN_CODE = { cacheable: false, batchable: false, recorded: false } as const;

const entries: ProviderEntry[] = [
  {
    prefix: 'openai',
    describe: {
      ...SDK,
      credentials: OPENAI_ENV,
      prices: {
        'gpt-4o-mini': { input: 0.15, output: 0.6 },
        'gpt-4o': { input: 2.5, output: 10 },
        'gpt-4.1-nano': { input: 0.1, output: 0.4 },
        'gpt-4.1-mini': { input: 0.4, output: 1.6 },
        'gpt-4.1': { input: 2, output: 8 },
        'o4-mini': { input: 1.1, output: 4.4 },
      },
    },
    load: async () => (await import('./openai.js')).createOpenAIProvider,
  },
  {
    prefix: 'anthropic',
    describe: {
      ...SDK,
      credentials: ANTHROPIC_ENV,
      prices: {
        'claude-haiku-4-5': { input: 1, output: 5 },
        'claude-sonnet-4': { input: 3, output: 15 },
        'claude-opus-4': { input: 15, output: 75 },
        'claude-3-5-haiku': { input: 0.8, output: 4 },
      },
    },
    load: async () => (await import('./anthropic.js')).createAnthropicProvider,
  },
  { prefix: 'exec', describe: OWN_CODE, load: async () => (await import('./exec.js')).createExecProvider },
  { prefix: 'http', describe: OWN_CODE, load: async () => (await import('./http.js')).createHttpProvider },
  { prefix: 'column', describe: { cacheable: false, batchable: false, recorded: true }, load: async () => (await import('./column.js')).createColumnProvider },
];

const registry = new Map<string, ProviderEntry>(entries.map((entry) => [entry.prefix, entry]));

/**
 * Add a provider at runtime (a plugin, a test's fake). Returns the function that removes it again.
 * Throws when the prefix is taken: an entry never silently replaces another.
 */
export function registerProvider(entry: ProviderEntry): () => void {
  if (registry.has(entry.prefix)) throw new Error(`provider "${entry.prefix}" is already registered`);
  registry.set(entry.prefix, entry);
  return () => {
    if (registry.get(entry.prefix) === entry) registry.delete(entry.prefix);
  };
}

/** Every known prefix, in registration order, for help texts and "did you mean". */
export function providerPrefixes(): string[] {
  return [...registry.keys()];
}

/** Every entry, for listings and the registry's own tests. */
export function providerEntries(): ProviderEntry[] {
  return [...registry.values()];
}

/** `<prefix>:<target>` split on the first colon, or undefined when either part is empty. */
function splitId(id: string): { prefix: string; target: string } | undefined {
  const colon = id.indexOf(':');
  const prefix = colon === -1 ? '' : id.slice(0, colon).trim();
  const target = colon === -1 ? '' : id.slice(colon + 1).trim();
  return prefix && target ? { prefix, target } : undefined;
}

/**
 * Split a provider id on its FIRST colon: `http:https://x` → `{prefix: 'http', target: 'https://x'}`.
 * Throws ConfigurationError when there is no prefix or no target. Syntax only: `providerRef` also
 * finds the entry.
 */
export function parseProviderId(id: string): { prefix: string; target: string } {
  const parts = splitId(id);
  if (!parts) {
    throw new ConfigurationError(`provider "${id}" must look like "<provider>:<target>", e.g. "openai:gpt-4o-mini" or "column:current_behavior" (providers: ${providerPrefixes().join(', ')})`);
  }
  return parts;
}

/** The entry for a prefix, by exact key (never a prototype key, never a prefix of a prefix). */
export function providerEntry(prefix: string): ProviderEntry | undefined {
  return registry.get(prefix);
}

/** `unknown provider "opnai" in "opnai:gpt-4o" (did you mean "openai"?); known providers: …` */
function unknownProvider(prefix: string, id: string): string {
  return `unknown provider "${prefix}" in "${id}"${didYouMean(prefix, providerPrefixes())}; known providers: ${providerPrefixes().join(', ')}`;
}

/** Parse a provider id and find its entry. Throws ConfigurationError for a malformed id or an unknown prefix. */
export function providerRef(id: string): ProviderRef {
  const { prefix, target } = parseProviderId(id);
  const entry = registry.get(prefix);
  if (!entry) throw new ConfigurationError(unknownProvider(prefix, id));
  return { id, prefix, target, entry };
}

/** Like providerRef, but undefined for a malformed id or an unknown prefix (e.g. in an old run's files). */
export function findProviderRef(id: string): ProviderRef | undefined {
  const parts = splitId(id);
  const entry = parts && registry.get(parts.prefix);
  return parts && entry ? { id, ...parts, entry } : undefined;
}

const NONE: ProviderCapabilities = { cacheable: false, batchable: false, recorded: false };

/** What the provider of an id can do; nothing for an id no entry knows. For stored runs and reports. */
export function capabilitiesOf(id: string): ProviderCapabilities {
  return findProviderRef(id)?.entry.describe ?? NONE;
}

/** Every provider's default key variable (OPENAI_API_KEY, ANTHROPIC_API_KEY, a plugin's own): secrets wherever they appear. */
export function keyVariables(): string[] {
  return [...registry.values()].flatMap((entry) => (entry.describe.credentials ? [entry.describe.credentials.keyEnv] : []));
}

/** The variables a system reads secrets from: its key (`api_key_env` or the provider's default) and `${VAR}` in its headers. */
export function secretVariables(system: Pick<SystemConfig, 'provider' | 'apiKeyEnv' | 'headers'>): string[] {
  const keyEnv = system.apiKeyEnv ?? findProviderRef(system.provider)?.entry.describe.credentials?.keyEnv;
  return [...(keyEnv ? [keyEnv] : []), ...headerVariables(system.headers)];
}

/**
 * Build the provider for a resolved system. Use once per system per run; `env` supplies keys and
 * base URLs (so tests can pass their own), `cwd` is where `exec:` commands run.
 */
export async function createProvider(system: SystemConfig, env: NodeJS.ProcessEnv, cwd: string): Promise<Provider> {
  const { prefix, target } = parseProviderId(system.provider);
  const entry = registry.get(prefix);
  if (!entry) throw new ConfigurationError(`system "${system.name}": ${unknownProvider(prefix, system.provider)}`);
  // Whatever this provider is given as a secret is redacted from everything the process writes.
  rememberSecretsFrom(env, secretVariables(system));
  const factory = await entry.load();
  return factory({ target, system, env, cwd });
}
