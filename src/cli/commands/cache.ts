import path from 'node:path';
import { pruneCache } from '../../cache/prune.js';
import { cacheStats, clearCache, DEFAULT_CACHE_MAX_AGE_MS } from '../../cache/response-cache.js';
import { ConfigurationError } from '../../errors.js';
import { EXIT } from '../../exit-codes.js';
import type { CliIO } from '../io.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** An age as the user would write it back to --cache-max-age: 7d, 12h, 30m. */
function ageLabel(ms: number): string {
  if (ms > 0 && ms % 86_400_000 === 0) return `${ms / 86_400_000}d`;
  if (ms > 0 && ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  return `${Math.round(ms / 60_000)}m`;
}

export async function cacheCommand(action: string, options: { cacheDir?: string; cacheMaxAge?: number }, io: CliIO): Promise<number> {
  const dir = path.resolve(io.cwd, options.cacheDir ?? '.evals-cache');
  const shown = path.relative(io.cwd, dir) || dir;
  const maxAgeMs = options.cacheMaxAge ?? DEFAULT_CACHE_MAX_AGE_MS;
  const age = ageLabel(maxAgeMs);
  if (action === 'stats') {
    const { entries, expired, replaced, bytes } = cacheStats(dir, maxAgeMs);
    io.out(`${shown}: ${plural(entries, 'cached response')}, ${megabytes(bytes)}`);
    // Lines a run never serves again still cost disk and scan time: say so, and what removes them.
    const dead = [replaced ? `${plural(replaced, 'older line')} replaced by newer answers` : '', expired ? `${expired} older than ${age} (no longer served)` : ''].filter(Boolean);
    if (dead.length) io.out(`  ${dead.join('; ')}: \`evals cache prune\` removes them`);
    return EXIT.ok;
  }
  if (action === 'prune') {
    const outcome = pruneCache(dir, maxAgeMs);
    io.out(
      `${shown}: removed ${plural(outcome.replaced, 'line')} replaced by newer answers, ${outcome.expired} older than ${age}` +
        `${outcome.unreadable ? `, ${outcome.unreadable} unreadable` : ''}; kept ${plural(outcome.kept, 'cached response')}, ` +
        `${megabytes(outcome.bytesBefore)} → ${megabytes(outcome.bytesAfter)}`,
    );
    if (outcome.running.length) {
      io.out(
        `  left ${plural(outcome.running.length, 'pack')} as ${outcome.running.length === 1 ? 'it is' : 'they are'}: written by evals still running (pid ${[...new Set(outcome.running)].join(', ')})`,
      );
    }
    return EXIT.ok;
  }
  if (action === 'clear') {
    const removed = clearCache(dir);
    io.out(`${shown}: removed ${plural(removed, 'cached response')}`);
    return EXIT.ok;
  }
  throw new ConfigurationError(`evals cache ${action}: expected "stats", "prune" or "clear"`);
}
