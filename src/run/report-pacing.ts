import { watchPacing } from '../providers/paced-call.js';
import type { RateBudget } from '../providers/rate-budget.js';
import type { RunEventListener } from './events.js';

/**
 * Tell the progress line when requests wait for their budget (`rate limit: 100/s`), under the name
 * of who sends them (a system, or `grader openai:gpt-4o`). Returns the unsubscribe.
 */
export function reportPacing(senders: { name: string; budget?: RateBudget }[], suite: string, emit: RunEventListener): () => void {
  return watchPacing(senders, (name, limit) => emit({ type: 'pacing', suite, system: name, ...(limit ? { limit } : {}) }));
}
