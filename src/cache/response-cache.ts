import { createHash } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { capabilitiesOf } from '../providers/registry.js';
import type { ProviderRequest } from '../providers/types.js';
import { redactValue } from '../secrets/redact.js';
import type { Output, SystemConfig } from '../types.js';
import { isCacheKey, type EntryIndex } from './entry-index.js';
import { legacyKeys, legacySavedAt, legacyStats, readLegacy } from './legacy-entries.js';
import { PackStore, packStats } from './pack-files.js';

/**
 * Content-addressed response cache on disk. The key covers everything that can change an answer:
 * provider id, endpoint, every request parameter, messages, tools and the repeat index (so
 * `--repeat 5` asks five times, and a rerun gets the same five answers). Errors are never stored.
 */
export interface ResponseCache {
  readonly dir: string;
  get(key: string): Output | undefined;
  set(key: string, output: Output): void;
  /** Close the files it holds open (the cache is not used after). */
  close(): void;
}

/** Whether a system's answers may be cached: its provider entry says so (`cacheable`) and the suite did not opt it out (`cache: false`). */
export function isCacheable(system: SystemConfig): boolean {
  return capabilitiesOf(system.provider).cacheable && system.cache !== false;
}

/** How long a cached answer is served by default: a week, so a model changed behind its name shows within one. */
export const DEFAULT_CACHE_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;

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

/**
 * The cache in `dir`: answers appended to pack files (cache/pack-files.ts), and answers an older evals
 * cached one file each still served (cache/legacy-entries.ts); when a key has both, the newer one. With
 * `read: false` (--no-cache) nothing is served from it but every fresh answer is still written, so the
 * next plain run sees what the model says now, not what it said before.
 */
export function createDiskCache(dir: string, options: { read?: boolean; maxAgeMs?: number } = {}): ResponseCache {
  const read = options.read ?? true;
  const maxAgeMs = options.maxAgeMs ?? DEFAULT_CACHE_MAX_AGE_MS;
  const packs = new PackStore(dir);
  let legacy: EntryIndex | undefined;
  return {
    dir,
    get(key) {
      if (!read || !isCacheKey(key)) return undefined;
      try {
        const place = packs.find(key);
        legacy ??= legacyKeys(dir);
        const legacySaved = legacy.get(key) ? legacySavedAt(dir, key) : undefined;
        if (legacySaved !== undefined && (!place || legacySaved > place.savedAt)) {
          return Date.now() - legacySaved > maxAgeMs ? undefined : readLegacy(dir, key);
        }
        // Older than the age limit: a miss, and the fresh answer replaces it.
        if (!place || Date.now() - place.savedAt > maxAgeMs) return undefined;
        return packs.read(key, place);
      } catch {
        // Unreadable (e.g. torn by a crash): a miss, never a wrong answer.
        return undefined;
      }
    },
    set(key, output) {
      if (!isCacheKey(key)) return;
      // Best effort, like get: a cache that cannot be written (full disk, read-only folder) must not
      // turn an answer already paid for into an error.
      try {
        // Redacted like results: the cache folder is shared as a CI artifact (--cache-dir).
        packs.append(key, redactValue(output));
      } catch {
        // The next run asks the model again.
      }
    },
    close() {
      packs.close();
    },
  };
}

export interface CacheStats {
  /** Keys cached (each once, in whichever layout or however often refreshed). */
  entries: number;
  /** Of those, answers older than the age limit: no longer served. */
  expired: number;
  /** Older lines for a key that has a newer answer: never served again. */
  replaced: number;
  bytes: number;
}

/** What the cache in `dir` holds, in both layouts, and what `evals cache prune` would drop. */
export function cacheStats(dir: string, maxAgeMs = DEFAULT_CACHE_MAX_AGE_MS, now = Date.now()): CacheStats {
  if (!existsSync(dir)) return { entries: 0, expired: 0, replaced: 0, bytes: 0 };
  const { index, bytes } = legacyStats(dir);
  const legacyEntries = index.size;
  const packs = packStats(dir, index);
  return {
    entries: index.size,
    expired: index.countSavedBefore(now - maxAgeMs),
    replaced: legacyEntries + packs.lines - index.size,
    bytes: bytes + packs.bytes,
  };
}

export function clearCache(dir: string): number {
  const { entries } = cacheStats(dir);
  rmSync(dir, { recursive: true, force: true });
  return entries;
}
