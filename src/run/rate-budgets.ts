import type { RunEventListener } from './events.js';
import { RateBudget } from './rate-budget.js';

/**
 * A run's rate budgets, one per provider scope (endpoint and key hash): systems that send to the same
 * endpoint with the same key share one limit at the provider, so they share one budget here.
 */
export class RateBudgets {
  private readonly byScope = new Map<string, RateBudget>();

  /** The budget for a scope; undefined for providers without one (commands, services, recorded columns). */
  for(scope: string | undefined): RateBudget | undefined {
    if (scope === undefined) return undefined;
    let budget = this.byScope.get(scope);
    if (!budget) this.byScope.set(scope, (budget = new RateBudget()));
    return budget;
  }
}

/** Tell the progress line when a system's requests wait for its budget (`rate limit: 100/s`). Returns the unsubscribe. */
export function reportPacing(systems: { system: { name: string }; budget?: RateBudget }[], suite: string, emit: RunEventListener): () => void {
  const stops = systems.map(({ system, budget }) => budget?.onState((limit) => emit({ type: 'pacing', suite, system: system.name, ...(limit ? { limit } : {}) })));
  return () => stops.forEach((stop) => stop?.());
}
