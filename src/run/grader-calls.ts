import pLimit from 'p-limit';
import { cacheKey, type ResponseCache } from '../cache/response-cache.js';
import type { CheckContext, GraderAnswer, GraderRequest } from '../checks/types.js';
import { linkedSignal } from '../providers/linked-signal.js';
import { costOf, listPrice } from '../providers/prices.js';
import { capabilitiesOf, createProvider } from '../providers/registry.js';
import { withRetries, type OnRetry, type RetryPolicy } from '../providers/retry.js';
import { ProviderError, type Provider } from '../providers/types.js';
import type { Output, SystemConfig } from '../types.js';

// Grader calls (the `rubric` check) take the same path as a run's model calls: the provider registry,
// the response cache (a rerun sends no grader request), and the one retry loop, where an answer with
// no usable grade counts as a malformed response and is asked again.

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
}

/** A grader as the provider layer sees a system: temperature 0, list price when the model is known. */
export function graderSystem(grader: string): SystemConfig {
  const price = listPrice(grader);
  return { name: `grader ${grader}`, provider: grader, params: { temperature: 0 }, ...(price ? { price } : {}) };
}

/** The run's `askGrader`: one provider per grader id, built on first use. */
export function createGraderCaller(options: GraderCallOptions): NonNullable<CheckContext['askGrader']> {
  const providers = new Map<string, Promise<Provider>>();
  const limit = pLimit(Math.max(1, options.concurrency));
  const providerFor = (system: SystemConfig) => {
    let provider = providers.get(system.provider);
    if (!provider) providers.set(system.provider, (provider = createProvider(system, options.env, options.cwd)));
    return provider;
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
    const provider = await providerFor(system);
    const missing = provider.missingCredential();
    if (missing) throw new ProviderError({ kind: 'other', message: `set ${missing} to call the grader ${request.grader}` });
    const attempt = async () => {
      const link = linkedSignal(options.signal);
      try {
        const output = await limit(() => provider.call({ ...providerRequest, signal: link.signal }));
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
