import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { ConfigurationError } from '../errors.js';
import { sortKeys } from '../sort-keys.js';

// synth's journal, next to its output: the plan it was started with, then one line per answer
// (kept, or dropped and why). A rerun of the same command reads it back and asks only for what is
// missing, so an interrupted run loses nothing it paid for. Lines are appended as each answer is
// judged; a line torn by a crash is ignored (that answer is asked again, or found in the cache).

export interface PlanLine {
  type: 'plan';
  version: 1;
  suite: string;
  model: string;
  n: number;
  seed: number;
  languages: string[];
  maxAttempts: number;
}

export type Outcome = 'kept' | 'duplicate-of-sheet' | 'duplicate-of-new' | 'invalid';

export interface AttemptLine {
  type: 'attempt';
  slot: number;
  attempt: number;
  outcome: Outcome;
  /** The row as it would be written. */
  cells: Record<string, string>;
  /** Why it was dropped, as the next request tells the model. */
  reason?: string;
  cached: boolean;
  inputTokens?: number;
  outputTokens?: number;
  costUsd?: number;
}

function readLines(file: string): unknown[] {
  const values: unknown[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      values.push(JSON.parse(line));
    } catch {
      // A line torn by a crash: what it recorded is asked again.
    }
  }
  return values;
}

/** What the plan line differs in, in words: a rerun must be the same command to continue. */
function differences(saved: PlanLine, wanted: PlanLine): string[] {
  // --max-attempts is not the plan: raising it on a rerun asks again for the rows still missing.
  const keys: Array<keyof PlanLine> = ['suite', 'model', 'n', 'seed', 'languages'];
  return keys.filter((key) => JSON.stringify(saved[key]) !== JSON.stringify(wanted[key])).map((key) => `${key} was ${JSON.stringify(saved[key])}, now ${JSON.stringify(wanted[key])}`);
}

export class ProgressFile {
  private constructor(
    readonly file: string,
    readonly attempts: AttemptLine[],
  ) {}

  /** The journal for `plan`: read back when it exists (and was made by the same command), started otherwise. */
  static open(file: string, shownAs: string, plan: PlanLine): ProgressFile {
    if (!existsSync(file)) {
      appendFileSync(file, JSON.stringify(sortKeys(plan)) + '\n');
      return new ProgressFile(file, []);
    }
    const [first, ...rest] = readLines(file);
    const saved = first as PlanLine | undefined;
    if (saved?.type !== 'plan') throw new ConfigurationError([{ file: shownAs, message: 'is not a synth progress file (its first line is not the plan); delete it or choose another --out' }]);
    const attempts = rest.filter((line): line is AttemptLine => (line as AttemptLine)?.type === 'attempt');
    const changed = differences(saved, plan);
    // A journal with no answer in it (the model was down from the start) holds nothing to lose: the new command replaces it.
    if (changed.length && attempts.length === 0) {
      writeFileSync(file, JSON.stringify(sortKeys(plan)) + '\n');
      return new ProgressFile(file, []);
    }
    if (changed.length) {
      throw new ConfigurationError([
        { file: shownAs, message: `was made by another synth command (${changed.join('; ')}): rerun that command to continue it, or delete the file (and the output) to start again` },
      ]);
    }
    return new ProgressFile(
      file,
      rest.filter((line): line is AttemptLine => (line as AttemptLine)?.type === 'attempt'),
    );
  }

  append(line: AttemptLine): void {
    appendFileSync(this.file, JSON.stringify(sortKeys(line)) + '\n');
    this.attempts.push(line);
  }
}
