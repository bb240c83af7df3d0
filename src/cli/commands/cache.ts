import path from 'node:path';
import { cacheStats, clearCache } from '../../cache/response-cache.js';
import { ConfigurationError } from '../../errors.js';
import { EXIT } from '../../exit-codes.js';
import type { CliIO } from '../io.js';

export async function cacheCommand(action: string, options: { cacheDir?: string }, io: CliIO): Promise<number> {
  const dir = path.resolve(io.cwd, options.cacheDir ?? '.evals-cache');
  const shown = path.relative(io.cwd, dir) || dir;
  if (action === 'stats') {
    const { entries, bytes } = cacheStats(dir);
    io.out(`${shown}: ${entries} cached response${entries === 1 ? '' : 's'}, ${(bytes / 1024 / 1024).toFixed(1)} MB`);
    return EXIT.ok;
  }
  if (action === 'clear') {
    const removed = clearCache(dir);
    io.out(`${shown}: removed ${removed} cached response${removed === 1 ? '' : 's'}`);
    return EXIT.ok;
  }
  throw new ConfigurationError(`evals cache ${action}: expected "stats" or "clear"`);
}
