import { createProvider } from '../providers/registry.js';
import type { Provider } from '../providers/types.js';
import type { LoadedSuite } from '../suite/load.js';
import type { ErrorInfo, SystemConfig } from '../types.js';
import { AdaptiveLimit, RateLimiter } from './adaptive-limit.js';
import { ServerIdentity } from '../cache/server-identity.js';
import { pacingFor, type Pacing } from '../providers/paced-call.js';

export interface ReadySystem {
  system: SystemConfig;
  provider: Provider;
  limit: AdaptiveLimit;
  rate?: RateLimiter;
  /**
   * The rate limits the provider states, shared with everything else in this process on the same key
   * and endpoint (other systems, rubric graders, judges), and what a request of this system will spend.
   */
  pacing?: Pacing;
  /** For a base_url endpoint: the model the server reports, which cached answers must match. */
  identity?: ServerIdentity;
  /** The first key or permission error (HTTP 401/403) of this run: the system sends nothing after it. */
  refused?: ErrorInfo;
}

export interface SkippedSystem {
  system: string;
  provider: string;
  reason: string;
  /** The env var to set, when a credential was missing. */
  variable?: string;
}

/**
 * Build each chosen system's provider and limits; a system whose key is missing is skipped with the
 * variable to set rather than failing the whole run (CI turns that into exit 3).
 */
export async function prepareSystems(suite: LoadedSuite, names: string[] | undefined, env: NodeJS.ProcessEnv, concurrency: number) {
  const chosen = names ? suite.systems.filter((s) => names.includes(s.name)) : suite.systems;
  const ready: ReadySystem[] = [];
  const skipped: SkippedSystem[] = [];
  for (const system of chosen) {
    const provider = await createProvider(system, env, suite.root);
    const variable = provider.missingCredential();
    if (variable) {
      skipped.push({ system: system.name, provider: system.provider, reason: `set ${variable} to run it`, variable });
      continue;
    }
    // The endpoint actually used (OPENAI_BASE_URL counts too) is part of the system: the response
    // cache keys on it, so answers from one server are never served for another.
    const resolved = provider.endpoint && provider.endpoint !== system.baseUrl ? { ...system, baseUrl: provider.endpoint } : system;
    ready.push({
      system: resolved,
      provider,
      limit: new AdaptiveLimit(Math.min(system.concurrency ?? concurrency, concurrency)),
      rate: system.rpm ? new RateLimiter(system.rpm) : undefined,
      pacing: pacingFor(provider, system.params.maxTokens),
      identity: provider.customEndpoint ? new ServerIdentity() : undefined,
    });
  }
  return { ready, skipped };
}
