import { describe, expect, it } from 'vitest';
import { parseDuration, readRateLimits } from '../../src/providers/rate-limit-headers.js';

// The rate limits a provider states on every answer, read from OpenAI's and Anthropic's headers.

describe('readRateLimits', () => {
  it("reads OpenAI's requests and tokens, resets as durations", () => {
    const headers = new Headers({
      'x-ratelimit-limit-requests': '100',
      'x-ratelimit-remaining-requests': '42',
      'x-ratelimit-reset-requests': '580ms',
      'x-ratelimit-limit-tokens': '150000',
      'x-ratelimit-remaining-tokens': '149984',
      'x-ratelimit-reset-tokens': '6m0s',
    });
    expect(readRateLimits(headers)).toEqual({
      requests: { limit: 100, remaining: 42, resetMs: 580 },
      tokens: { limit: 150_000, remaining: 149_984, resetMs: 360_000 },
    });
  });

  it("reads Anthropic's requests, tokens, input and output tokens, resets as times", () => {
    const headers = new Headers({
      'anthropic-ratelimit-requests-limit': '50',
      'anthropic-ratelimit-requests-remaining': '49',
      'anthropic-ratelimit-requests-reset': '2026-11-30T00:00:01.200Z',
      'anthropic-ratelimit-input-tokens-limit': '30000',
      'anthropic-ratelimit-input-tokens-remaining': '29000',
      'anthropic-ratelimit-input-tokens-reset': '2026-11-30T00:00:02Z',
      'anthropic-ratelimit-output-tokens-limit': '8000',
      'anthropic-ratelimit-output-tokens-remaining': '8000',
      'anthropic-ratelimit-output-tokens-reset': '2026-11-30T00:00:00Z',
      'anthropic-ratelimit-tokens-limit': '38000',
      'anthropic-ratelimit-tokens-remaining': '37000',
      'anthropic-ratelimit-tokens-reset': '2026-11-30T00:00:02Z',
    });
    expect(readRateLimits(headers)).toEqual({
      requests: { limit: 50, remaining: 49, resetAt: Date.parse('2026-11-30T00:00:01.200Z') },
      tokens: { limit: 38_000, remaining: 37_000, resetAt: Date.parse('2026-11-30T00:00:02Z') },
      inputTokens: { limit: 30_000, remaining: 29_000, resetAt: Date.parse('2026-11-30T00:00:02Z') },
      outputTokens: { limit: 8_000, remaining: 8_000, resetAt: Date.parse('2026-11-30T00:00:00Z') },
    });
  });

  it('is empty for a server that states no limits, and skips what it cannot read', () => {
    expect(readRateLimits(new Headers({ 'retry-after': '1' }))).toEqual({});
    expect(readRateLimits(new Headers({ 'x-ratelimit-limit-requests': 'lots', 'x-ratelimit-remaining-requests': '1', 'x-ratelimit-limit-tokens': '10', 'x-ratelimit-remaining-tokens': '4' }))).toEqual(
      {
        tokens: { limit: 10, remaining: 4 },
      },
    );
  });
});

describe('parseDuration', () => {
  it('reads Go durations and bare seconds', () => {
    expect(parseDuration('20ms')).toBe(20);
    expect(parseDuration('1s')).toBe(1_000);
    expect(parseDuration('1.5s')).toBe(1_500);
    expect(parseDuration('6m0s')).toBe(360_000);
    expect(parseDuration('1h2m3.5s')).toBe(3_723_500);
    expect(parseDuration('2')).toBe(2_000);
    expect(parseDuration('soon')).toBeUndefined();
    expect(parseDuration('1s later')).toBeUndefined();
    expect(parseDuration(null)).toBeUndefined();
  });
});
