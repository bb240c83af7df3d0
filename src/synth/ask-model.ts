import { cacheKey, type ResponseCache } from '../cache/response-cache.js';
import type { ServerIdentity } from '../cache/server-identity.js';
import { linkedSignal } from '../providers/linked-signal.js';
import { costOf } from '../providers/prices.js';
import { withRetries, type OnRetry, type RetryPolicy } from '../providers/retry.js';
import { pacedCall, type Pacing } from '../providers/paced-call.js';
import type { Provider, ProviderRequest } from '../providers/types.js';
import type { Output, SystemConfig } from '../types.js';

// One request to the generating model through the layers a run uses: the response cache (keyed
// like a run's answers, so a rerun pays nothing for what it already has), then the provider with
// the one retry loop (429s wait, 5xx and timeouts retried, an unusable answer asked again), paced to
// the rate limits the provider states like a run's systems (see providers/paced-call.ts).

export interface ModelCaller {
  system: SystemConfig;
  provider: Provider;
  policy: RetryPolicy;
  cache?: ResponseCache;
  /** For a base_url endpoint: cached answers are served only while the server reports the same model (as in runs). */
  identity?: ServerIdentity;
  signal?: AbortSignal;
  onRetry?: OnRetry;
  /** The provider's stated rate limits, shared with anything else in this process on its key and endpoint. */
  pacing?: Pacing;
}

/** What the calls cost so far: fresh answers (unusable ones included) and those the cache served. */
export class Spend {
  fresh = 0;
  cached = 0;
  inputTokens = 0;
  outputTokens = 0;
  /** Undefined while no answer had both a known price and usage. */
  costUsd: number | undefined;

  add(output: Output, price: SystemConfig['price']): number | undefined {
    this.fresh++;
    if (output.usage) {
      this.inputTokens += output.usage.inputTokens;
      this.outputTokens += output.usage.outputTokens;
    }
    const cost = output.costUsd ?? costOf(output.usage, price);
    if (cost !== undefined) this.costUsd = (this.costUsd ?? 0) + cost;
    return cost;
  }
}

export interface Answer<T> {
  value: T;
  output: Output;
  cached: boolean;
  costUsd?: number;
}

/** Ask once (from the cache when it has a usable answer); throws the last ProviderError when retries run out. */
export async function askModel<T>(caller: ModelCaller, request: ProviderRequest, parse: (output: Output) => T, spend: Spend): Promise<Answer<T>> {
  const key = caller.cache ? cacheKey(caller.system, request) : undefined;
  let costUsd: number | undefined;
  const attempt = async () => {
    // Each call its own signal: the SDKs never remove the listener they add to it (see linkedSignal).
    const link = linkedSignal(caller.signal);
    try {
      const output = await pacedCall(caller.pacing, { ...request, signal: link.signal }, (paced) => caller.provider.call(paced));
      costUsd = spend.add(output, caller.system.price);
      return { output, value: parse(output) };
    } finally {
      link.release();
    }
  };
  const ask = async (): Promise<Answer<T>> => {
    const { output, value } = await withRetries(attempt, caller.policy, caller.signal, caller.onRetry);
    caller.identity?.learn(output);
    if (key) caller.cache!.set(key, output);
    return { value, output, cached: false, ...(costUsd !== undefined ? { costUsd } : {}) };
  };
  const hit = key ? caller.cache!.get(key) : undefined;
  let value: T;
  try {
    if (!hit) return await ask();
    value = parse(hit);
  } catch (error) {
    if (!hit) throw error;
    // An answer cached before it could be parsed is asked again.
    return ask();
  }
  if (caller.identity) {
    // At a base_url server the first cached answer waits for a fresh one (the probe) to learn which model serves now.
    let admitted = await caller.identity.admit(hit);
    if (admitted === 'probe') {
      let fresh: Answer<T>;
      try {
        fresh = await ask();
      } catch (error) {
        caller.identity.probeFailed();
        throw error;
      }
      admitted = await caller.identity.admit(hit);
      if (admitted !== 'serve') return fresh;
    } else if (admitted === 'stale') return ask();
  }
  spend.cached++;
  return { value, output: hit, cached: true };
}
