// List prices in US dollars per million tokens, for the cost column. Prices change: a system's
// `price: { input, output }` in the suite overrides this table, and unknown models show no cost
// rather than a wrong one.

export interface Price {
  /** Dollars per million input tokens. */
  input: number;
  /** Dollars per million output tokens. */
  output: number;
}

/** Longest matching model-name prefix wins (gpt-4o-mini before gpt-4o). */
const LIST_PRICES: Record<string, Price> = {
  'openai:gpt-4o-mini': { input: 0.15, output: 0.6 },
  'openai:gpt-4o': { input: 2.5, output: 10 },
  'openai:gpt-4.1-nano': { input: 0.1, output: 0.4 },
  'openai:gpt-4.1-mini': { input: 0.4, output: 1.6 },
  'openai:gpt-4.1': { input: 2, output: 8 },
  'openai:o4-mini': { input: 1.1, output: 4.4 },
  'anthropic:claude-haiku-4-5': { input: 1, output: 5 },
  'anthropic:claude-sonnet-4': { input: 3, output: 15 },
  'anthropic:claude-opus-4': { input: 15, output: 75 },
  'anthropic:claude-3-5-haiku': { input: 0.8, output: 4 },
};

export function listPrice(provider: string): Price | undefined {
  let best: string | undefined;
  for (const prefix of Object.keys(LIST_PRICES)) {
    if (provider.startsWith(prefix) && (!best || prefix.length > best.length)) best = prefix;
  }
  return best ? LIST_PRICES[best] : undefined;
}

/** Dollars for one call's usage; undefined when the price or the usage is unknown. */
export function costOf(usage: { inputTokens: number; outputTokens: number } | undefined, price: Price | undefined, factor = 1): number | undefined {
  if (!usage || !price) return undefined;
  return ((usage.inputTokens * price.input + usage.outputTokens * price.output) / 1_000_000) * factor;
}
