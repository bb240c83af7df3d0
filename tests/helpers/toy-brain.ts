import type { FakeBrain, FakeRequest } from './fake-model-server.js';

/** The toy fixture's cases that should open Canvas (tests/fixtures/projects/toy). */
export const TOY_TRIGGER_IDS = ['t01', 't03', 't05', 't07', 't09'];

/** Input text → case id, for brains that decide per case. */
const TOY_INPUTS: Record<string, string> = {
  'Write a 2,000-word essay on the history of the printing press': 't01',
  'What is the capital of Peru?': 't02',
  'Draft a cover letter for a data analyst job': 't03',
  'thanks!': 't04',
  'Refactor this 300-line Python module into classes': 't05',
  'How many ounces in a pound?': 't06',
  'Write a short story about a lighthouse keeper, about 5 pages': 't07',
  "Translate 'good morning' into French": 't08',
  'Create a project plan document for our Q3 launch': 't09',
  'Is it going to rain tomorrow?': 't10',
};

export function toyCaseId(request: FakeRequest): string {
  const last = [...request.messages].reverse().find((m) => m.role === 'user');
  return TOY_INPUTS[last?.content.trim() ?? ''] ?? 'unknown';
}

/** A model that opens Canvas exactly for `triggerIds`, and answers in text otherwise. */
export function canvasBrain(triggerIds: Iterable<string>, delayMs = 0): FakeBrain {
  const trigger = new Set(triggerIds);
  return (request) => {
    const id = toyCaseId(request);
    return trigger.has(id)
      ? { toolCalls: [{ name: 'canvas', arguments: { type: 'document', title: id } }], usage: { input: 50, output: 12 }, delayMs }
      : { text: `Answer for ${id}.`, usage: { input: 40, output: 8 }, delayMs };
  };
}
