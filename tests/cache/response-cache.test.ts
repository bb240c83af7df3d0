import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheKey, cacheStats, clearCache, createDiskCache, isCacheable } from '../../src/cache/response-cache.js';
import type { SystemConfig } from '../../src/types.js';
import { makeCase } from '../helpers/make-case.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const system: SystemConfig = { name: 'baseline', provider: 'openai:gpt-4o-mini', params: { temperature: 0 } };
const request = (overrides: Partial<{ repeat: number; content: string }> = {}) => ({
  case: makeCase(),
  messages: [{ role: 'user' as const, content: overrides.content ?? 'hello' }],
  tools: [],
  repeat: overrides.repeat ?? 0,
});

describe('response cache', () => {
  it('keys on everything that can change an answer, including the repeat index', () => {
    const key = cacheKey(system, request());
    expect(cacheKey(system, request())).toBe(key);
    expect(cacheKey(system, request({ repeat: 1 }))).not.toBe(key);
    expect(cacheKey(system, request({ content: 'hello!' }))).not.toBe(key);
    expect(cacheKey({ ...system, params: { temperature: 0.5 } }, request())).not.toBe(key);
    expect(cacheKey({ ...system, provider: 'openai:gpt-4o' }, request())).not.toBe(key);
    expect(cacheKey({ ...system, baseUrl: 'http://localhost:11434/v1' }, request())).not.toBe(key);
    expect(cacheKey(system, { ...request(), tools: [{ name: 'canvas', parameters: {} }] })).not.toBe(key);
  });

  it('caches model APIs only: exec: and http: run code that changes without the request changing', () => {
    expect(isCacheable(system)).toBe(true);
    expect(isCacheable({ ...system, provider: 'anthropic:claude' })).toBe(true);
    expect(isCacheable({ ...system, provider: 'exec:python bot.py' })).toBe(false);
    expect(isCacheable({ ...system, provider: 'http:http://localhost:8000' })).toBe(false);
  });

  it('stores, counts and clears entries on disk', () => {
    const dir = path.join(makeTempDir('cache'), 'cache');
    const cache = createDiskCache(dir);
    expect(cache.get('ab'.repeat(32))).toBeUndefined();
    cache.set('ab'.repeat(32), { text: 'hi', toolCalls: [], latencyMs: 12 });
    expect(cache.get('ab'.repeat(32))).toEqual({ text: 'hi', toolCalls: [], latencyMs: 12 });
    expect(cacheStats(dir).entries).toBe(1);
    expect(clearCache(dir)).toBe(1);
    expect(cacheStats(dir).entries).toBe(0);
  });

  it('a cache that cannot be written is skipped, never an error', () => {
    const file = path.join(makeTempDir('cache'), 'not-a-folder');
    writeFileSync(file, 'x');
    const cache = createDiskCache(file);
    expect(() => cache.set('cd'.repeat(32), { text: 'hi', toolCalls: [], latencyMs: 1 })).not.toThrow();
    expect(cache.get('cd'.repeat(32))).toBeUndefined();
  });
});
