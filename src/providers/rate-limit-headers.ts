// What a provider's answer says about its rate limits, read from the headers of every response
// (a success or a 429), in one provider-neutral shape the run's pacing understands.

/** One limit as the server stated it at the moment it counted the request. */
export interface LimitWindow {
  /** The most the window allows (`x-ratelimit-limit-requests: 100`). */
  limit: number;
  /** What is left of it now. */
  remaining: number;
  /** Milliseconds until the window is full again, from when the server counted the request (OpenAI). */
  resetMs?: number;
  /** When the window is full again, as a time (Anthropic): the reader knows when the request was counted. */
  resetAt?: number;
}

/** Requests and tokens; Anthropic also states input and output tokens apart. */
export const DIMENSIONS = ['requests', 'tokens', 'inputTokens', 'outputTokens'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export type RateLimitReport = Partial<Record<Dimension, LimitWindow>>;

/** A fetch Headers, Node's or the CLI's FetchHeaders (see fetch-headers.ts): what is read of an answer's headers. */
export type HeaderGetter = { get(name: string): string | null };

const OPENAI: Partial<Record<Dimension, string>> = { requests: 'requests', tokens: 'tokens' };
const ANTHROPIC: Partial<Record<Dimension, string>> = { requests: 'requests', tokens: 'tokens', inputTokens: 'input-tokens', outputTokens: 'output-tokens' };

/**
 * The limits stated in OpenAI's (`x-ratelimit-{limit,remaining,reset}-requests`, `…-tokens`; resets
 * like `1s`, `6m0s`, `20ms`) or Anthropic's headers (`anthropic-ratelimit-requests-{limit,remaining,reset}`,
 * `…-tokens-*`, `…-input-tokens-*`, `…-output-tokens-*`; resets as RFC 3339 times). Empty when the
 * server states none, as most OpenAI-compatible servers do.
 */
export function readRateLimits(headers: HeaderGetter): RateLimitReport {
  const report: RateLimitReport = {};
  // The first lookups decide the dialect: a server without limits costs three header reads an answer
  // (Headers.get is a few microseconds each).
  if (headers.get('x-ratelimit-limit-requests') !== null || headers.get('x-ratelimit-limit-tokens') !== null) {
    for (const [dimension, name] of Object.entries(OPENAI) as [Dimension, string][]) {
      const window = readWindow(headers.get(`x-ratelimit-limit-${name}`), headers.get(`x-ratelimit-remaining-${name}`));
      const resetMs = parseDuration(headers.get(`x-ratelimit-reset-${name}`));
      if (window) report[dimension] = resetMs === undefined ? window : { ...window, resetMs };
    }
  } else if (headers.get('anthropic-ratelimit-requests-limit') !== null) {
    for (const [dimension, name] of Object.entries(ANTHROPIC) as [Dimension, string][]) {
      const reset = headers.get(`anthropic-ratelimit-${name}-reset`);
      const resetAt = reset === null ? NaN : Date.parse(reset);
      const window = readWindow(headers.get(`anthropic-ratelimit-${name}-limit`), headers.get(`anthropic-ratelimit-${name}-remaining`));
      if (window) report[dimension] = Number.isNaN(resetAt) ? window : { ...window, resetAt };
    }
  }
  return report;
}

function readWindow(limit: string | null, remaining: string | null): LimitWindow | undefined {
  const l = Number(limit);
  const r = Number(remaining);
  if (limit === null || remaining === null || !Number.isFinite(l) || !Number.isFinite(r) || l <= 0) return undefined;
  return { limit: l, remaining: Math.max(0, Math.min(r, l)) };
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `1s`, `6m0s`, `20ms`, `1h2m3.5s`, `0.5s` → milliseconds; a bare number is seconds. Undefined when unreadable. */
export function parseDuration(text: string | null): number | undefined {
  const value = text?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1_000;
  let total = 0;
  let matched = '';
  for (const part of value.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)) {
    total += Number(part[1]) * UNIT_MS[part[2]];
    matched += part[0];
  }
  return matched === value ? total : undefined;
}

/** True when the report states a limit at all. */
export function statesLimit(report: RateLimitReport | undefined): boolean {
  return report !== undefined && DIMENSIONS.some((d) => report[d] !== undefined);
}

/** Hears the limits an answer states; `refused`: the answer was a 429, so the server did not count the request. */
export type RateLimitListener = (report: RateLimitReport, refused: boolean) => void;

/** Tell the request's listener what the answer's headers say (an SDK's response, or its APIError's headers and status). */
export function hearRateLimits(onRateLimits: RateLimitListener | undefined, headers: HeaderGetter | undefined, status?: number): void {
  if (!onRateLimits || !headers) return;
  const report = readRateLimits(headers);
  if (statesLimit(report)) onRateLimits(report, status === 429);
}
