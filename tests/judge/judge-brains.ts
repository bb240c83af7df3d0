import type { FakeBrain, FakeRequest } from '../helpers/fake-model-server.js';

// Scripted judges for the fake model server: each reads the two responses out of the judge
// prompt and answers through the record_verdict tool, as a real judge model would.

export function responses(request: FakeRequest): { a: string; b: string } {
  const prompt = request.messages.map((m) => m.content).join('\n');
  const a = /<response_a>\n([\s\S]*?)\n<\/response_a>/.exec(prompt)?.[1] ?? '';
  const b = /<response_b>\n([\s\S]*?)\n<\/response_b>/.exec(prompt)?.[1] ?? '';
  return { a, b };
}

export function verdict(winner: 'A' | 'B' | 'tie', reasoning: string, strength?: string) {
  return { toolCalls: [{ name: 'record_verdict', arguments: { reasoning, winner, ...(strength ? { strength } : {}) } }] };
}

/**
 * The example canvas-comments suite also has a rubric check: a judge brain given its grader's
 * requests passes them, so the pairwise tests still see only the judge's verdicts decide.
 */
export function gradesRubrics(judge: FakeBrain): FakeBrain {
  return (request) => (request.tools[0]?.name === 'record_grade' ? { toolCalls: [{ name: 'record_grade', arguments: { reasoning: 'meets the rubric', pass: true } }] } : judge(request));
}

/** Position bias at its worst: whatever is shown first wins. */
export const prefersFirst: FakeBrain = gradesRubrics(() => verdict('A', 'The first response is better.'));

/** Verbosity bias at its worst: the longer response wins, wherever it is shown. */
export const prefersLonger: FakeBrain = gradesRubrics((request) => {
  const { a, b } = responses(request);
  if (a.length === b.length) return verdict('tie', 'Same length.');
  return verdict(a.length > b.length ? 'A' : 'B', 'The longer response covers more.', 'much better');
});
