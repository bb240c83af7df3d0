import type { Provider } from '../providers/types.js';
import type { OnRetry, RetryPolicy } from '../providers/retry.js';
import type { Pacing } from '../providers/paced-call.js';
import type { RateBudget } from '../providers/rate-budget.js';
import type { Case, ErrorInfo, Output } from '../types.js';

// The judge module's records. One line of `<run>/judgments.jsonl` is a JudgmentRecord; the stats
// functions read them through `toPairwiseJudgment` (src/judge/judgments-store.ts).

export type Winner = 'a' | 'b' | 'tie';
export type Strength = 'better' | 'much better';
/** A verdict as the judge saw the pair: positions, not systems. */
export type PositionVerdict = 'A' | 'B' | 'tie';

/** One of the two orders an LLM judge saw a pair in. */
export interface OrderVerdict {
  /** The system shown as "Response A" in this order. */
  shownA: 'a' | 'b';
  /** What the judge answered, in positions. */
  verdict: PositionVerdict;
  /** The same verdict in systems (un-swapped). */
  winner: Winner;
  strength?: Strength;
  reasoning: string;
}

/** One judgment of one case's pair (`a` vs `b`, at one repeat) by one judge or rater. */
export interface JudgmentRecord {
  caseId: string;
  /** Repeat index of the two outputs compared (0 when the run had no repeats). */
  repeat?: number;
  a: string;
  b: string;
  /** `llm:<provider id>` or `human:<rater>` (or whatever an imported file said). */
  judge: string;
  /** Absent only when `error` is set. */
  winner?: Winner;
  /** Graded verdict from an imported file: how much `a` is preferred, in [0, 1]; `winner` follows it. */
  preference?: number;
  strength?: Strength;
  /** LLM: both orders agreed. An inconsistent pair is recorded as a tie. */
  consistent?: boolean;
  reasoning?: string;
  /** LLM: both raw verdicts, in the order they were asked. */
  orders?: OrderVerdict[];
  /** Human: which system was on the left (shown as A). */
  shownLeft?: 'a' | 'b';
  comment?: string;
  /** The judge could not answer (after retries): neither a win nor a tie. */
  error?: ErrorInfo;
  at: string;
}

/** A judgment that has a verdict. */
export type DecidedJudgment = JudgmentRecord & { winner: Winner };

export function isDecided(record: JudgmentRecord): record is DecidedJudgment {
  return record.winner !== undefined && record.error === undefined;
}

/** `llm:openai:gpt-4o` for a provider id. */
export function llmJudgeName(providerId: string): string {
  return `llm:${providerId}`;
}

/** `human:ana` for a rater name. */
export function humanJudgeName(rater: string): string {
  return `human:${rater}`;
}

export function isHumanJudge(judge: string): boolean {
  return judge.startsWith('human:');
}

export function isLlmJudge(judge: string): boolean {
  return judge.startsWith('llm:');
}

/** One case's two outputs to compare, at one repeat. */
export interface PairToJudge {
  case: Case;
  repeat: number;
  a: string;
  b: string;
  outputA: Pick<Output, 'text' | 'toolCalls'>;
  outputB: Pick<Output, 'text' | 'toolCalls'>;
}

export interface LlmJudgeOptions {
  provider: Provider;
  /** Rubric template (file already read); the default asks which response serves the user better. */
  rubric?: string;
  /** Let the judge say "much better". */
  strength?: boolean;
  retryPolicy?: RetryPolicy;
  signal?: AbortSignal;
  /** Wraps each model call, e.g. a p-limit limiter shared across pairs. */
  schedule?: <T>(task: () => Promise<T>) => Promise<T>;
  onRetry?: OnRetry;
  /** The rate limits the judge's provider states (shared with anything else on its key and endpoint), paced to before each call. */
  pacing?: Pacing;
}

/** Where and for what a judge is built. */
export interface JudgeContext {
  env: NodeJS.ProcessEnv;
  /** Where an `exec:` judge runs. */
  cwd: string;
  /** What the judge judges, for messages: `judge of candidate vs prompted`. */
  label: string;
}

/** An automatic judge, built for one comparison. */
export interface PairJudge {
  /** The suite's `judge:` value, e.g. `openai:gpt-4o`. */
  readonly id: string;
  /**
   * The `judge` its judgments record, which resuming matches to skip pairs already judged. Default
   * `llm:<id>`, what the LLM judge writes; a judge that writes another name must say so here.
   */
  readonly recordedAs?: string;
  /** The variable to set before it can judge, e.g. `OPENAI_API_KEY`; undefined when ready. */
  missingCredential(): string | undefined;
  /** The rate budget its calls wait for, when its provider states limits: judging says when it paces. */
  readonly budget?: RateBudget;
  /** Judge one pair; never throws for the judge's own failures (the record has `error`). */
  judgePair(pair: PairToJudge, options: Omit<LlmJudgeOptions, 'provider' | 'pacing'>): Promise<JudgmentRecord>;
}

export type JudgeFactory = (value: string, context: JudgeContext) => Promise<PairJudge>;
