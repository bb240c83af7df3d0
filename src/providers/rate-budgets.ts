import { RateBudget } from './rate-budget.js';

/**
 * Rate budgets, one per provider scope (endpoint and key hash): everything that sends to the same
 * endpoint with the same key shares one limit at the provider, so it shares one budget here.
 */
class RateBudgets {
  private readonly byScope = new Map<string, RateBudget>();

  /** The budget for a scope; undefined for providers without one (commands, services, recorded columns). */
  for(scope: string | undefined): RateBudget | undefined {
    if (scope === undefined) return undefined;
    let budget = this.byScope.get(scope);
    if (!budget) this.byScope.set(scope, (budget = new RateBudget()));
    return budget;
  }
}

/**
 * The process's budgets. One set for every caller, not one per run: a run's systems, its rubric
 * graders, the LLM judges after it (or of `evals judge`) and synth's model all draw on the same limit
 * when they use the same key at the same endpoint, and what one learned of the limit holds for the
 * next suite of the same command.
 */
export const rateBudgets = new RateBudgets();
