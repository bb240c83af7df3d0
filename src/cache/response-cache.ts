import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { capabilitiesOf } from '../providers/registry.js';
import type { ProviderRequest } from '../providers/types.js';
import { redactValue } from '../secrets/redact.js';
import type { Output, SystemConfig } from '../types.js';
import { writeFileAtomic } from '../store/run-dir.js';

/**
 * Content-addressed response cache on disk. The key covers everything that can change an answer:
 * provider id, endpoint, every request parameter, messages, tools and the repeat index (so
 * `--repeat 5` asks five times, and a rerun gets the same five answers). Errors are never stored.
 */
export interface ResponseCache {
  readonly dir: string;
  get(key: string): Output | undefined;
  set(key: string, output: Output): void;
}

/** Whether a system's answers may be cached: its provider entry says so (`cacheable`) and the suite did not opt it out (`cache: false`). */
export function isCacheable(system: SystemConfig): boolean {
  return capabilitiesOf(system.provider).cacheable && system.cache !== false;
}

/** How long a cached answer is served by default: a week, so a model changed behind its name shows within one. */
const DEFAULT_CACHE_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;

export function cacheKey(system: SystemConfig, request: ProviderRequest): string {
  const material = {
    v: 1,
    provider: system.provider,
    baseUrl: system.baseUrl ?? null,
    params: system.params,
    messages: request.messages,
    tools: request.tools,
    repeat: request.repeat,
  };
  return createHash('sha256').update(JSON.stringify(material)).digest('hex');
}

function entryPath(dir: string, key: string): string {
  return path.join(dir, key.slice(0, 2), `${key}.json`);
}

/**
 * The cache in `dir`. With `read: false` (--no-cache) nothing is served from it but every fresh answer
 * is still written, so the next plain run sees what the model says now, not what it said before.
 */
export function createDiskCache(dir: string, options: { read?: boolean; maxAgeMs?: number } = {}): ResponseCache {
  const made = new Set<string>();
  const read = options.read ?? true;
  const maxAgeMs = options.maxAgeMs ?? DEFAULT_CACHE_MAX_AGE_MS;
  return {
    dir,
    get(key) {
      if (!read) return undefined;
      try {
        const file = entryPath(dir, key);
        // Older than the age limit: a miss, and the fresh answer replaces it.
        if (Date.now() - statSync(file).mtimeMs > maxAgeMs) return undefined;
        return JSON.parse(readFileSync(file, 'utf8')) as Output;
      } catch {
        // Missing or unreadable (e.g. torn by a crash): a miss, never a wrong answer.
        return undefined;
      }
    },
    set(key, output) {
      // Best effort, like get: a cache that cannot be written (full disk, read-only folder) must not
      // turn an answer already paid for into an error.
      try {
        const file = entryPath(dir, key);
        const folder = path.dirname(file);
        if (!made.has(folder)) {
          mkdirSync(folder, { recursive: true });
          made.add(folder);
        }
        // Write then rename: a reader sees the whole entry or none of it.
        // Redacted like results: the cache folder is shared as a CI artifact (--cache-dir).
        writeFileAtomic(file, JSON.stringify(redactValue(output)));
      } catch {
        // The next run asks the model again.
      }
    },
  };
}

export function cacheStats(dir: string): { entries: number; bytes: number } {
  let entries = 0;
  let bytes = 0;
  if (!existsSync(dir)) return { entries, bytes };
  for (const shard of readdirSync(dir)) {
    const folder = path.join(dir, shard);
    if (!statSync(folder).isDirectory()) continue;
    for (const name of readdirSync(folder)) {
      if (!name.endsWith('.json')) continue;
      entries += 1;
      bytes += statSync(path.join(folder, name)).size;
    }
  }
  return { entries, bytes };
}

export function clearCache(dir: string): number {
  const { entries } = cacheStats(dir);
  rmSync(dir, { recursive: true, force: true });
  return entries;
}
