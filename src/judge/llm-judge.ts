import { linkedSignal } from '../providers/linked-signal.js';
import { createProvider } from '../providers/registry.js';
import { pacedCall, pacingFor } from '../providers/paced-call.js';
import { ProviderError, type Provider } from '../providers/types.js';
import { defaultRetryPolicy, withRetries, type OnRetry, type RetryPolicy } from '../providers/retry.js';
import type { Case, ErrorInfo, Output } from '../types.js';
import { judgeMessages, verdictTool } from './judge-prompt.js';
import { parseVerdict, type ParsedVerdict } from './parse-verdict.js';
import { llmJudgeName, type JudgeFactory, type JudgmentRecord, type LlmJudgeOptions, type OrderVerdict, type PairToJudge, type Strength, type Winner } from './types.js';

// An LLM judge on one pair, in both orders (MT-Bench's swap): a verdict counts only when it
// survives swapping the positions; otherwise the pair is a tie marked inconsistent. This is
// what keeps a judge that always picks "A" from producing a false win.

// The pair and the options live in types.ts, so the judge registry can name them without importing this file.
export type { LlmJudgeOptions, PairToJudge } from './types.js';

function toErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof ProviderError) return error.info;
  return { kind: 'other', message: error instanceof Error ? error.message : String(error) };
}

/** Call the judge for one order, retrying failed calls and unusable answers per the policy. */
async function askJudge(pair: PairToJudge, shownA: 'a' | 'b', options: LlmJudgeOptions): Promise<ParsedVerdict> {
  const [first, second] = shownA === 'a' ? [pair.outputA, pair.outputB] : [pair.outputB, pair.outputA];
  const request = {
    case: pair.case,
    messages: judgeMessages(pair.case, options.rubric, first, second, options.strength ?? false),
    tools: [verdictTool(options.strength ?? false)],
    repeat: pair.repeat,
  };
  const schedule = options.schedule ?? ((task) => task());
  const policy = options.retryPolicy ?? defaultRetryPolicy;
  const attempt = async () => {
    const link = linkedSignal(options.signal);
    try {
      // The turn in the rate budget is taken inside the slot, right before sending: the two orders of
      // each pair in progress are more requests than slots, and a turn granted to a request that then
      // waits for a slot would be counted as sent long before it is (before the first answer states a
      // limit, every waiting request would be let through at once).
      const output = await schedule(() => pacedCall(options.pacing, { ...request, signal: link.signal }, (paced) => options.provider.call(paced)));
      return parseVerdict(output, options.provider.id);
    } finally {
      link.release();
    }
  };
  return withRetries(attempt, policy, options.signal, options.onRetry);
}

function unswap(verdict: ParsedVerdict, shownA: 'a' | 'b'): Winner {
  if (verdict.verdict === 'tie') return 'tie';
  const other = shownA === 'a' ? 'b' : 'a';
  return verdict.verdict === 'A' ? shownA : other;
}

function toOrder(verdict: ParsedVerdict, shownA: 'a' | 'b'): OrderVerdict {
  return { shownA, verdict: verdict.verdict, winner: unswap(verdict, shownA), ...(verdict.strength ? { strength: verdict.strength } : {}), reasoning: verdict.reasoning };
}

/** "much better" only when both orders said so: the weaker claim is the one both orders support. */
function combinedStrength(orders: OrderVerdict[], enabled: boolean): Strength | undefined {
  if (!enabled) return undefined;
  return orders.every((o) => o.strength === 'much better') ? 'much better' : 'better';
}

/**
 * Judge one pair in both orders and return the judgment to store. Never throws for judge
 * failures: a call that still fails after retries, or an answer with no verdict, gives a record
 * with `error` (neither a win nor a tie).
 */
export async function judgePair(pair: PairToJudge, options: LlmJudgeOptions): Promise<JudgmentRecord> {
  const base = { caseId: pair.case.id, repeat: pair.repeat, a: pair.a, b: pair.b, judge: llmJudgeName(options.provider.id) };
  let verdicts: [ParsedVerdict, ParsedVerdict];
  try {
    verdicts = await Promise.all([askJudge(pair, 'a', options), askJudge(pair, 'b', options)]);
  } catch (error) {
    return { ...base, error: toErrorInfo(error), at: new Date().toISOString() };
  }
  const orders = [toOrder(verdicts[0], 'a'), toOrder(verdicts[1], 'b')];
  const consistent = orders[0].winner === orders[1].winner;
  const winner = consistent ? orders[0].winner : 'tie';
  const strength = winner === 'tie' ? undefined : combinedStrength(orders, options.strength ?? false);
  const reasoning = orders.map((o) => `[${o.shownA === 'a' ? pair.a : pair.b} shown as A] ${o.reasoning}`).join('\n');
  return { ...base, winner, ...(strength ? { strength } : {}), consistent, reasoning, orders, at: new Date().toISOString() };
}

/** The LLM judge on the model a provider id names (`openai:gpt-4o`), at temperature 0. Registered in registry.ts. */
export const createLlmJudge: JudgeFactory = async (value, context) => {
  const provider = await createProvider({ name: context.label, provider: value, params: { temperature: 0 } }, context.env, context.cwd);
  // Both orders of every pair, and every comparison this judge's key and endpoint serve, draw on one budget.
  const pacing = pacingFor(provider);
  return {
    id: provider.id,
    budget: pacing?.budget,
    missingCredential: () => provider.missingCredential(),
    judgePair: (pair, options) => judgePair(pair, { ...options, provider, pacing }),
  };
};
