import type { Output } from '../types.js';
import type { RateBudget } from './rate-budget.js';
import { rateBudgets } from './rate-budgets.js';
import type { RateLimitListener } from './rate-limit-headers.js';
import { TokenEstimate } from './token-estimate.js';
import type { Provider, ProviderRequest } from './types.js';

// Every model caller (a run's systems, rubric graders, LLM judges, synth) paces the same way: wait
// until the request fits in its provider's budget, send, and tell the budget what the answer's
// headers said. A 429 is then waited out by withRetries (retry.ts), without spending retries.

/** A caller's share of its provider's rate limits: the budget (one per key and endpoint) and its own token estimate. */
export interface Pacing {
  budget: RateBudget;
  tokens: TokenEstimate;
}

/** Pacing for a provider's calls; undefined for providers without rate limits (commands, services, recorded columns). */
export function pacingFor(provider: Provider, maxTokens?: number): Pacing | undefined {
  const budget = rateBudgets.for(provider.rateLimitScope);
  return budget && { budget, tokens: new TokenEstimate(maxTokens) };
}

/** A request the budget let through: what hears its answer's limits, and its size, to learn from the answer's usage. */
export interface Turn {
  hear: RateLimitListener;
  characters: number;
}

/** Wait until the request fits in the budget. Undefined without pacing, or when `signal` aborted the wait. */
export async function takeTurn(pacing: Pacing | undefined, request: ProviderRequest, signal?: AbortSignal): Promise<Turn | undefined> {
  if (!pacing) return undefined;
  const characters = pacing.tokens.characters(request);
  const ticket = await pacing.budget.acquire(pacing.tokens.cost(characters), signal);
  return ticket && { characters, hear: (report, refused) => pacing.budget.report(ticket, report, refused) };
}

/**
 * One paced attempt: wait for the budget, `send` the request, tell the budget what the answer's
 * headers say, and learn the request's tokens from the answer's usage. `send` should send at once:
 * the budget counts the request as sent when its turn is granted.
 */
export async function pacedCall(pacing: Pacing | undefined, request: ProviderRequest, send: (request: ProviderRequest) => Promise<Output>): Promise<Output> {
  const turn = await takeTurn(pacing, request, request.signal);
  const output = await send(turn ? { ...request, onRateLimits: turn.hear } : request);
  if (turn) pacing!.tokens.learn(turn.characters, output.usage);
  return output;
}

/**
 * Hear when each budget starts or stops pacing (`100/s`, undefined once it no longer waits), under the
 * name of who sends through it: the progress lines of a run, `evals judge` and `evals synth`. Returns the unsubscribe.
 */
export function watchPacing(senders: Iterable<{ name: string; budget?: RateBudget }>, listener: (name: string, limit: string | undefined) => void): () => void {
  const stops = [...senders].map(({ name, budget }) => budget?.onState((limit) => listener(name, limit)));
  return () => stops.forEach((stop) => stop?.());
}
