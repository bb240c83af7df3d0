import { findProviderRef } from './registry.js';
import type { Price } from './types.js';

// List prices in US dollars per million tokens, for the cost column. Prices change: a system's
// `price: { input, output }` in the suite overrides the provider's list (its entry in registry.ts), and unknown models show no cost
// rather than a wrong one.

export type { Price } from './types.js';

/**
 * The list price of a provider id from its registry entry's price list: the longest matching
 * model-name prefix wins (gpt-4o-mini before gpt-4o); undefined for models no list names.
 */
export function listPrice(provider: string): Price | undefined {
  const ref = findProviderRef(provider);
  const prices = ref?.entry.describe.prices ?? {};
  let best: string | undefined;
  for (const model of Object.keys(prices)) {
    if (ref?.target.startsWith(model) && (!best || model.length > best.length)) best = model;
  }
  return best ? prices[best] : undefined;
}

/** Dollars for one call's usage; undefined when the price or the usage is unknown. */
export function costOf(usage: { inputTokens: number; outputTokens: number } | undefined, price: Price | undefined, factor = 1): number | undefined {
  if (!usage || !price) return undefined;
  return ((usage.inputTokens * price.input + usage.outputTokens * price.output) / 1_000_000) * factor;
}
