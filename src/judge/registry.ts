import { didYouMean } from '../suggest.js';
import { findProviderRef, providerPrefixes } from '../providers/registry.js';
import type { JudgeContext, JudgeFactory, PairJudge } from './types.js';

// Judges by the name a suite writes in `compare: [{ judge: ... }]`, looked up by exact name like
// providers, checks and reporters. A value that names no judge but looks like a provider id
// (`openai:gpt-4o`) is the LLM judge on that model. Adding a judge is a file and an entry here.

/** What a judge can do, declared in its entry. */
interface JudgeCapabilities {
  /** Judges by itself, right after a run and with `evals judge <run>`. False: people judge, with `evals judge <run> --human`. */
  automatic: boolean;
}

// A judge's factory and what it builds live in types.ts: a judge's file imports them without importing this registry.
export type { JudgeContext, JudgeFactory, PairJudge } from './types.js';

export interface JudgeEntry {
  /** `human`; `llm` for the judge a provider id names. */
  name: string;
  describe: JudgeCapabilities;
  /** What is wrong with a `judge:` value this entry was found for, or undefined. */
  validate?: (value: string) => string | undefined;
  /** Automatic judges: the factory, imported when a run is first judged. */
  load?: () => Promise<JudgeFactory>;
}

/** People, on the local page of `evals judge <run> --human` (src/judge/human-server.ts). */
const humanJudge: JudgeEntry = { name: 'human', describe: { automatic: false } };

/** A model through any provider, asked about each pair in both orders (src/judge/llm-judge.ts). */
const llmJudge: JudgeEntry = {
  name: 'llm',
  describe: { automatic: true },
  validate(value) {
    const colon = value.indexOf(':');
    if (colon <= 0) return `"${value}" is not ${namedList()} or a provider id like "openai:gpt-4o"${didYouMean(value, [...named.keys()])}`;
    if (findProviderRef(value)) return undefined;
    const prefix = value.slice(0, colon);
    const known = [...named.keys(), ...providerPrefixes().map((p) => `${p}:`)];
    return `unknown provider "${prefix}:" in "${value}"${didYouMean(prefix, providerPrefixes())}; use ${namedList()} or one of ${known.join(', ')}`;
  },
  load: async () => (await import('./llm-judge.js')).createLlmJudge,
};

/** Judges a suite names by name; any other value is a provider id for the LLM judge. */
const named = new Map<string, JudgeEntry>([[humanJudge.name, humanJudge]]);

function namedList(): string {
  return [...named.keys()].map((name) => `"${name}"`).join(' or ');
}

/** A `judge:` value with the entry it names. */
export interface JudgeRef {
  value: string;
  entry: JudgeEntry;
}

/** The judge a `judge:` value names: a registered name exactly, otherwise the LLM judge on that provider id. */
export function judgeRef(value: string): JudgeRef {
  return { value, entry: named.get(value) ?? llmJudge };
}

/** Whether the value's judge works by itself (an LLM), rather than waiting for people. */
export function isAutomaticJudge(value: string): boolean {
  return judgeRef(value).entry.describe.automatic;
}

/** For the suite loader: what is wrong with a `judge:` value, found before any output is paid for. */
export function judgeProblem(value: string): string | undefined {
  const { entry } = judgeRef(value);
  return entry.validate?.(value);
}

/**
 * Build the automatic judge a `judge:` value names. Throws for a judge people do the work of (check
 * `isAutomaticJudge` first) and, like createProvider, for a provider no entry knows.
 */
export async function createJudge(value: string, context: JudgeContext): Promise<PairJudge> {
  const { entry } = judgeRef(value);
  if (!entry.load) throw new Error(`the ${entry.name} judge is not automatic: judge with \`evals judge <run> --${entry.name}\``);
  return (await entry.load())(value, context);
}

/**
 * Add a judge at runtime (a plugin, a test's fake). Returns the function that removes it again.
 * Throws when the name is taken.
 */
export function registerJudge(entry: JudgeEntry): () => void {
  if (named.has(entry.name) || entry.name === llmJudge.name) throw new Error(`judge "${entry.name}" is already registered`);
  named.set(entry.name, entry);
  return () => {
    if (named.get(entry.name) === entry) named.delete(entry.name);
  };
}

/** Every registered judge, the LLM judge last. */
export function judgeEntries(): JudgeEntry[] {
  return [...named.values(), llmJudge];
}
