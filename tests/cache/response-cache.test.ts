import { readdirSync, writeFileSync } from 'node:fs';
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

  it('keeps answers in one pack file per writer; a newer answer for a key wins, and a second writer is seen on a miss', async () => {
    const dir = path.join(makeTempDir('cache'), 'cache');
    const [a, b] = ['a1'.repeat(32), 'b2'.repeat(32)];
    const first = createDiskCache(dir);
    expect(first.get(a)).toBeUndefined();
    first.set(a, { text: 'old', toolCalls: [], latencyMs: 1 });
    expect(first.get(a)?.text).toBe('old');
    // Another process (here: another cache object) refreshes a and adds b, in its own pack.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = createDiskCache(dir, { read: false });
    second.set(a, { text: 'new', toolCalls: [], latencyMs: 1 });
    second.set(b, { text: 'b', toolCalls: [], latencyMs: 1 });
    second.close();
    expect(readdirSync(path.join(dir, 'packs'))).toHaveLength(2);
    // The first writer looks again on a miss (at most once a second): it then sees both.
    await new Promise((resolve) => setTimeout(resolve, 1_050));
    expect(first.get(b)?.text).toBe('b');
    expect(first.get(a)?.text).toBe('new');
    first.close();
    expect(createDiskCache(dir).get(a)?.text).toBe('new');
    expect(cacheStats(dir).entries).toBe(2);
  });

  it('keys that are not a sha256 in hex are neither stored nor looked up', () => {
    const dir = path.join(makeTempDir('cache'), 'cache');
    const cache = createDiskCache(dir);
    cache.set('../escape', { text: 'x', toolCalls: [], latencyMs: 1 });
    expect(cache.get('../escape')).toBeUndefined();
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
