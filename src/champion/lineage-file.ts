import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigurationError } from '../errors.js';

// `reports/<suite>/lineage.jsonl`: one line per promotion, appended, committed. The dashboard
// (`evals dashboard`) renders it, so the field names below are a contract: suite, system, label,
// runId, at, passRate, winRateVsPrevious {rate, low, high}.

export interface RateWithInterval {
  rate: number;
  /** 95% interval. */
  low: number;
  high: number;
}

/** Another suite's numbers when this champion was promoted: its latest full run. */
export interface OtherSuiteAtPromotion {
  suite: string;
  runId: string;
  /** Pass rate per system of that run (null when nothing was scored). */
  passRates: Record<string, number | null>;
}

export interface LineageLine {
  suite: string;
  system: string;
  label?: string;
  runId: string;
  /** When it was promoted (ISO). */
  at: string;
  /** 1 for the first champion. */
  generation: number;
  provider: string;
  model: string;
  /** Pass rate of the promoted system in its run: pass / (pass + fail). */
  passRate: number | null;
  /** Its 95% Wilson interval. */
  passRateInterval: { low: number; high: number };
  /** Who it was measured against: the champion before it, or the prompted system for the first generation. */
  previous: { kind: 'champion'; runId: string; system: string; label?: string } | { kind: 'prompted' };
  /** Its win rate over `previous`, when the run judged the two (ties count half). */
  winRateVsPrevious?: RateWithInterval & { n: number; judge: string };
  /** Cases of the run the previous champion had no answer for (added or changed since its promotion). */
  notInPrevious?: number;
  otherSuites: OtherSuiteAtPromotion[];
}

export function lineagePath(reportsDir: string, suite: string): string {
  return path.join(reportsDir, suite, 'lineage.jsonl');
}

export function appendLineage(file: string, line: LineageLine): void {
  mkdirSync(path.dirname(file), { recursive: true });
  appendFileSync(file, JSON.stringify(line) + '\n');
}

/** Every promotion of a suite, oldest first; none when it was never promoted. */
export function readLineage(file: string): LineageLine[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, index) => {
      try {
        return JSON.parse(line) as LineageLine;
      } catch {
        throw new ConfigurationError([{ file, row: index + 1, message: 'not valid JSON (the lineage file is damaged)' }]);
      }
    });
}
