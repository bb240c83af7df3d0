import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { sortKeys } from '../sort-keys.js';
import path from 'node:path';
import * as z from 'zod';
import { ConfigurationError } from '../errors.js';
import { builtOnFirstUse } from '../schema/built-on-first-use.js';
import { RUN_FILES, writeFileAtomic } from './run-dir.js';
import type { ToolCall } from '../types.js';

// `reports/<suite>/champion.jsonl`: the outputs of the last promoted system (`evals promote`), committed
// to git like baseline.json. One header line (who the champion is), then one compact line per case ×
// repeat sorted by case id, keys sorted, so a promotion's diff reads as "these answers changed".
// A run that compares with the champion keeps its own copy (RUN_FILES.champion), so judging it later,
// or re-reporting it, reads the champion it was judged against, not whichever came after.

/** The name a `compare:` entry uses for the saved outputs; no suite may call a system this. */
export const CHAMPION_SYSTEM = 'champion';

// Built on first use: a run reads a champion only when it compares with one.
const schemas = builtOnFirstUse(() => {
  const identity = z.object({
    provider: z.string(),
    /** `gpt-4o` of `openai:gpt-4o`: the target of the provider id. */
    model: z.string(),
    baseUrl: z.string().nullable(),
    prompt: z.string().nullable(),
    tools: z.string().nullable(),
    /** sha256 (16 hex) of the prompt text, tools and parameters the run used; null when the run predates them. */
    promptHash: z.string().nullable(),
    toolsHash: z.string().nullable(),
    paramsHash: z.string().nullable(),
  });

  const header = z.object({
    champion: z.literal(1),
    suite: z.string(),
    system: z.string(),
    label: z.string().optional(),
    runId: z.string(),
    promotedAt: z.string(),
    repeat: z.number().int().positive(),
    identity,
  });

  const entry = z.object({
    case: z.string(),
    repeat: z.number().int().min(0),
    /** The question's hash when the champion answered it: a case edited since is "not in champion". */
    caseHash: z.string(),
    text: z.string(),
    toolCalls: z.array(z.object({ name: z.string(), arguments: z.record(z.string(), z.unknown()) })),
  });
  return { identity, header, entry };
});

export type ChampionHeader = z.infer<ReturnType<typeof schemas>['header']>;
export type ChampionIdentity = z.infer<ReturnType<typeof schemas>['identity']>;
export type ChampionEntry = z.infer<ReturnType<typeof schemas>['entry']>;

export interface ChampionFile {
  header: ChampionHeader;
  entries: ChampionEntry[];
}

export function championPath(reportsDir: string, suite: string): string {
  return path.join(reportsDir, suite, 'champion.jsonl');
}

/** The file's text: header, then entries by case id and repeat. */
function serializeChampion(file: ChampionFile): string {
  const entries = [...file.entries].sort((x, y) => (x.case < y.case ? -1 : x.case > y.case ? 1 : x.repeat - y.repeat));
  return [file.header, ...entries].map((line) => JSON.stringify(sortKeys(line))).join('\n') + '\n';
}

export function writeChampion(file: string, champion: ChampionFile): void {
  writeFileAtomic(file, serializeChampion(champion));
}

/** A champion file, checked line by line; a damaged one is exit 2 naming the line. */
function readChampion(file: string): ChampionFile {
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
  const parse = <T>(schema: z.ZodType<T>, line: string, row: number): T => {
    let data: unknown;
    try {
      data = JSON.parse(line);
    } catch {
      throw new ConfigurationError([{ file, row, message: 'not valid JSON (the champion file is damaged; promote a run again)' }]);
    }
    const parsed = schema.safeParse(data);
    if (!parsed.success) throw new ConfigurationError([{ file, row, message: `${parsed.error.issues[0]?.message ?? 'malformed'} (the champion file is damaged; promote a run again)` }]);
    return parsed.data;
  };
  if (!lines.length) throw new ConfigurationError([{ file, message: 'is empty (promote a run again)' }]);
  return { header: parse(schemas().header, lines[0], 1), entries: lines.slice(1).map((line, i) => parse(schemas().entry, line, i + 2)) };
}

/** The champion of a suite, when one was promoted. */
export function readChampionIfAny(reportsDir: string, suite: string): ChampionFile | undefined {
  const file = championPath(reportsDir, suite);
  return existsSync(file) ? readChampion(file) : undefined;
}

/** Copy the suite's champion into a new run folder; false when there is none yet. */
export function snapshotChampion(reportsDir: string, suite: string, runDir: string): boolean {
  const file = championPath(reportsDir, suite);
  if (!existsSync(file)) return false;
  copyFileSync(file, path.join(runDir, RUN_FILES.champion));
  return true;
}

/** The champion a run was judged against, when it kept one. */
export function readChampionSnapshot(runDir: string): ChampionFile | undefined {
  const file = path.join(runDir, RUN_FILES.champion);
  return existsSync(file) ? readChampion(file) : undefined;
}

/** Names of the two sides of a comparison that involve the champion. */
export function namesChampion(comparison: { a: string; b: string }): boolean {
  return comparison.a === CHAMPION_SYSTEM || comparison.b === CHAMPION_SYSTEM;
}

/** An output as the champion file keeps it. */
export function entryOf(caseId: string, repeat: number, caseHash: string, output: { text: string; toolCalls: ToolCall[] }): ChampionEntry {
  return { case: caseId, repeat, caseHash, text: output.text, toolCalls: output.toolCalls.map((call) => ({ name: call.name, arguments: call.arguments })) };
}
