import { createHash } from 'node:crypto';
import { ConfigurationError } from '../errors.js';

/** `--shard 2/4`: the second of four stable partitions. */
export interface Shard {
  index: number;
  count: number;
}

export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = match ? Number(match[1]) : NaN;
  const count = match ? Number(match[2]) : NaN;
  if (!match || count < 1 || index < 1 || index > count) {
    throw new ConfigurationError(`--shard ${text}: expected i/n with 1 ≤ i ≤ n, e.g. --shard 1/4`);
  }
  return { index, count };
}

/** By a hash of the case id, so a case stays in its shard when rows are added or reordered. */
export function inShard(caseId: string, shard: Shard): boolean {
  if (shard.count === 1) return true;
  const bucket = createHash('sha256').update(caseId).digest().readUInt32BE(0) % shard.count;
  return bucket === shard.index - 1;
}
