import type { RunSummary } from '../store/summary.js';

/**
 * One line per system that got answers from the response cache, e.g. `candidate: 54 of 54 answers
 * came from the cache (--no-cache calls the model and refreshes it)`. A changed model behind the same
 * name (Ollama, vLLM, a fine-tune endpoint) is invisible in cached answers, so every report says how
 * many there were.
 */
export function cacheNotes(summary: Pick<RunSummary, 'systems'>): string[] {
  return summary.systems
    .filter((s) => s.cached > 0)
    .map((s) => `${s.system}: ${s.cached} of ${s.results} answers came from the cache${s.cached === s.results ? ', none from the model' : ''} (--no-cache calls the model and refreshes it)`);
}
