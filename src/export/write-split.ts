import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { stratifiedSplit } from '../stats/stratified.js';
import { redactText } from '../secrets/redact.js';
import { writeFileAtomic } from '../store/run-dir.js';

export interface SplitOptions {
  /** Share of each stratum that goes to the train file (`--split 0.9`); absent: one file. */
  split?: number;
  seed: number;
}

export interface Writable {
  stratum: string;
  line: Record<string, unknown>;
}

/**
 * Write the lines as `<base>.jsonl`, or with a split as `<base>.train.jsonl` and `<base>.validation.jsonl`
 * (stratified, seeded: the same seed gives the same files). Returns the files and their line counts.
 */
export function writeJsonlFiles(dir: string, base: string, items: readonly Writable[], options: SplitOptions): Array<{ file: string; lines: number }> {
  mkdirSync(dir, { recursive: true });
  let parts: Array<[string, readonly Writable[]]> = [[`${base}.jsonl`, items]];
  if (options.split !== undefined) {
    const { train, validation } = stratifiedSplit(items, (item) => item.stratum, options.split, options.seed);
    parts = [
      [`${base}.train.jsonl`, train],
      [`${base}.validation.jsonl`, validation],
    ];
  }
  return parts.map(([name, lines]) => {
    const file = path.join(dir, name);
    // Training files leave the machine: a known secret (an API key pasted into a prompt) never goes with them.
    writeFileAtomic(file, lines.map((item) => redactText(JSON.stringify(item.line)) + '\n').join(''));
    return { file, lines: lines.length };
  });
}
