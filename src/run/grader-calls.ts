import pLimit from 'p-limit';
import { cacheKey, type ResponseCache } from '../cache/response-cache.js';
import type { CheckContext, GraderAnswer, GraderRequest } from '../checks/types.js';
import { linkedSignal } from '../providers/linked-signal.js';
import { costOf, listPrice } from '../providers/prices.js';
import { capabilitiesOf, createProvider } from '../providers/registry.js';
import { withRetries, type OnRetry, type RetryPolicy } from '../providers/retry.js';
import { ProviderError, type Provider } from '../providers/types.js';
import { pacedCall, pacingFor, type Pacing } from '../providers/paced-call.js';
import type { RateBudget } from '../providers/rate-budget.js';
import type { Output, SystemConfig } from '../types.js';

// Grader calls (the `rubric` check) take the same path as a run's model calls: the provider registry,
// the response cache (a rerun sends no grader request), and the one retry loop, where an answer with
// no usable grade counts as a malformed response and is asked again. They pace to the rate limits
// their provider states like a system's requests, in the same budget as the run's systems on that key
// and endpoint (see providers/paced-call.ts).

export interface GraderCallOptions {
  env: NodeJS.ProcessEnv;
  /** Where an `exec:` grader runs: the suite's folder. */
  cwd: string;
  cache?: ResponseCache;
  retryPolicy: RetryPolicy;
  signal?: AbortSignal;
  /** Grader requests in flight at most (the run's concurrency). */
  concurrency: number;
  onRetry?: OnRetry;
  /** A grader's rate budget, once its provider is built: for the progress line to say when it paces. */
  onBudget?: (name: string, budget: RateBudget) => void;
}

/** A grader as the provider layer sees a system: temperature 0, list price when the model is known. */
export function graderSystem(grader: string): SystemConfig {
  const price = listPrice(grader);
  return { name: `grader ${grader}`, provider: grader, params: { temperature: 0 }, ...(price ? { price } : {}) };
}

/** The run's `askGrader`: one provider per grader id, built on first use. */
export function createGraderCaller(options: GraderCallOptions): NonNullable<CheckContext['askGrader']> {
  const providers = new Map<string, Promise<{ provider: Provider; pacing?: Pacing }>>();
  const limit = pLimit(Math.max(1, options.concurrency));
  const build = async (system: SystemConfig) => {
    const provider = await createProvider(system, options.env, options.cwd);
    const pacing = pacingFor(provider);
    if (pacing) options.onBudget?.(system.name, pacing.budget);
    return { provider, pacing };
  };
  const providerFor = (system: SystemConfig) => {
    let built = providers.get(system.provider);
    if (!built) providers.set(system.provider, (built = build(system)));
    return built;
  };
  return async <T>(request: GraderRequest, parse: (output: Output) => T): Promise<GraderAnswer<T>> => {
    const system = graderSystem(request.grader);
    const providerRequest = { case: request.case, messages: request.messages, tools: request.tools, repeat: request.sample };
    const cache = capabilitiesOf(request.grader).cacheable ? options.cache : undefined;
    const key = cache ? cacheKey(system, providerRequest) : undefined;
    const hit = key ? cache!.get(key) : undefined;
    if (hit) {
      try {
        return { value: parse(hit), cached: true, inputTokens: 0, outputTokens: 0 };
      } catch {
        // A cached answer that no longer parses (e.g. the grade's shape changed): ask again.
      }
    }
    const { provider, pacing } = await providerFor(system);
    const missing = provider.missingCredential();
    if (missing) throw new ProviderError({ kind: 'other', message: `set ${missing} to call the grader ${request.grader}` });
    const attempt = async () => {
      const link = linkedSignal(options.signal);
      try {
        // The turn in the rate budget is taken inside the slot, right before sending: a turn granted
        // to a request that then waits for a slot would be counted as sent long before it is.
        const output = await limit(() => pacedCall(pacing, { ...providerRequest, signal: link.signal }, (paced) => provider.call(paced)));
        return { output, value: parse(output) };
      } finally {
        link.release();
      }
    };
    const { output, value } = await withRetries(attempt, options.retryPolicy, options.signal, options.onRetry);
    if (key) cache!.set(key, output);
    const costUsd = costOf(output.usage, system.price);
    return { value, cached: false, inputTokens: output.usage?.inputTokens ?? 0, outputTokens: output.usage?.outputTokens ?? 0, ...(costUsd !== undefined ? { costUsd } : {}) };
  };
}
