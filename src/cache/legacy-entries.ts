import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Output } from '../types.js';
import { EntryIndex } from './entry-index.js';

// The layout before pack files: one file per answer, `<cache>/<first two hex digits>/<key>.json`,
// its age its modification time. Such folders are still read (never written): answers cached by an
// older evals are served, counted by `evals cache stats` and removed by `evals cache clear`.

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

/** For `evals cache stats`: the old-layout entries' keys and bytes on disk. */
export function legacyStats(dir: string): { index: EntryIndex; bytes: number } {
  const index = new EntryIndex();
  let bytes = 0;
  for (const { key, file } of legacyFiles(dir)) {
    index.put(key, { pack: -1, offset: 0, bytes: 0, savedAt: 0 });
    bytes += statSync(file, { throwIfNoEntry: false })?.size ?? 0;
  }
  return { index, bytes };
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
