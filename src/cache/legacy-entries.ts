import { readdirSync, readFileSync, rmdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Output } from '../types.js';
import { EntryIndex } from './entry-index.js';

// The layout before pack files: one file per answer, `<cache>/<first two hex digits>/<key>.json`,
// its age its modification time. Such folders are still read (never written): answers cached by an
// older evals are served, counted by `evals cache stats`, pruned by `evals cache prune` and removed by
// `evals cache clear`.

const SHARD = /^[0-9a-f]{2}$/;
const ENTRY = /^[0-9a-f]{64}\.json$/;

/** Every old-layout entry file in `dir` (none when there are no shard folders). */
function* legacyFiles(dir: string): Generator<{ key: string; file: string }> {
  let shards: string[];
  try {
    shards = readdirSync(dir).filter((name) => SHARD.test(name));
  } catch {
    return;
  }
  for (const shard of shards) {
    let names: string[];
    try {
      names = readdirSync(path.join(dir, shard)).filter((name) => ENTRY.test(name));
    } catch {
      continue;
    }
    for (const name of names) yield { key: name.slice(0, 64), file: path.join(dir, shard, name) };
  }
}

/** The keys of the old-layout entries (listed once, so a lookup of a key that has none costs nothing). */
export function legacyKeys(dir: string): EntryIndex {
  const index = new EntryIndex();
  for (const { key } of legacyFiles(dir)) index.put(key, { pack: -1, offset: 0, bytes: 0, savedAt: 0 });
  return index;
}

/** For `evals cache stats`: the old-layout entries' keys with when each was saved, and their bytes on disk. */
export function legacyStats(dir: string): { index: EntryIndex; bytes: number } {
  const index = new EntryIndex();
  let bytes = 0;
  for (const { key, file } of legacyFiles(dir)) {
    const stat = statSync(file, { throwIfNoEntry: false });
    index.put(key, { pack: -1, offset: 0, bytes: 0, savedAt: stat?.mtimeMs ?? 0 });
    bytes += stat?.size ?? 0;
  }
  return { index, bytes };
}

/**
 * For `evals cache prune`: remove the old-layout entries saved before `oldestServed` or replaced by a
 * newer pack entry (`packs`), and the shard folders that leaves empty.
 */
export function pruneLegacy(dir: string, packs: EntryIndex, oldestServed: number): { kept: number; replaced: number; expired: number; bytesBefore: number; bytesAfter: number } {
  const outcome = { kept: 0, replaced: 0, expired: 0, bytesBefore: 0, bytesAfter: 0 };
  const shards = new Set<string>();
  for (const { key, file } of legacyFiles(dir)) {
    const stat = statSync(file, { throwIfNoEntry: false });
    if (!stat) continue;
    outcome.bytesBefore += stat.size;
    const newer = (packs.get(key)?.savedAt ?? -Infinity) > stat.mtimeMs;
    if (!newer && stat.mtimeMs >= oldestServed) {
      outcome.kept++;
      outcome.bytesAfter += stat.size;
      continue;
    }
    if (newer) outcome.replaced++;
    else outcome.expired++;
    rmSync(file, { force: true });
    shards.add(path.dirname(file));
  }
  for (const shard of shards) {
    try {
      rmdirSync(shard);
    } catch {
      // Not empty: it still holds entries.
    }
  }
  return outcome;
}

/** When the old-layout entry of `key` was saved (its file's mtime), or undefined when it is gone. */
export function legacySavedAt(dir: string, key: string): number | undefined {
  return statSync(legacyFile(dir, key), { throwIfNoEntry: false })?.mtimeMs;
}

/** The old-layout answer of `key`; throws when it is missing or torn (a miss to the caller). */
export function readLegacy(dir: string, key: string): Output {
  return JSON.parse(readFileSync(legacyFile(dir, key), 'utf8')) as Output;
}

function legacyFile(dir: string, key: string): string {
  return path.join(dir, key.slice(0, 2), `${key}.json`);
}
