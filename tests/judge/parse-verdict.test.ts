import { describe, expect, it } from 'vitest';
import { judgeMessages, renderRubric, verdictTool } from '../../src/judge/judge-prompt.js';
import { parseVerdict } from '../../src/judge/parse-verdict.js';
import { ProviderError } from '../../src/providers/types.js';
import { call, makeCase, makeOutput } from '../helpers/make-case.js';

function failure(fn: () => unknown): ProviderError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ProviderError);
    return error as ProviderError;
  }
  throw new Error('expected a ProviderError');
}

describe('parseVerdict', () => {
  it('reads the record_verdict tool call, strength included', () => {
    const output = makeOutput({ toolCalls: [call('record_verdict', { reasoning: 'B quotes the draft.', winner: 'B', strength: 'much better' })] });
    expect(parseVerdict(output, 'openai:gpt-4o')).toEqual({ verdict: 'B', strength: 'much better', reasoning: 'B quotes the draft.' });
  });

  it('falls back to a JSON object in the text, fenced or not, and normalizes case', () => {
    expect(parseVerdict(makeOutput({ text: 'Here:\n```json\n{"reasoning": "same", "winner": "TIE"}\n```' }), 'j').verdict).toBe('tie');
    expect(parseVerdict(makeOutput({ text: 'My verdict is {"winner": "a", "reasoning": "x"}.' }), 'j').verdict).toBe('A');
  });

  it('drops a strength on a tie', () => {
    expect(parseVerdict(makeOutput({ text: '{"winner": "tie", "strength": "much better"}' }), 'j')).toEqual({ verdict: 'tie', reasoning: '' });
  });

  it('makes anything else a malformed judge error, never a tie', () => {
    const prose = failure(() => parseVerdict(makeOutput({ text: 'Both are good, really.' }), 'openai:gpt-4o'));
    expect(prose.info.kind).toBe('malformed');
    expect(prose.message).toBe('judge openai:gpt-4o: no record_verdict call and no JSON verdict (it said "Both are good, really.")');
    const bad = failure(() => parseVerdict(makeOutput({ toolCalls: [call('record_verdict', { winner: 'both' })] }), 'j'));
    expect(bad.message).toBe('judge j: "winner" must be "A", "B" or "tie", got "both"');
    expect(bad.retryable).toBe(true);
  });
});

describe('judge prompt', () => {
  const kase = makeCase({ messages: [{ role: 'user', content: 'Comment on my intro.' }], columns: { ideal_behavior: 'Quote the sentence', why: 'Specific beats vague' } });

  it('renders the rubric with columns and {{input}}, and without a rubric shows ideal behaviour and why', () => {
    expect(renderRubric('Ideal: {{ideal_behavior}}. Asked: {{input}}', kase)).toBe('Ideal: Quote the sentence. Asked: user: Comment on my intro.');
    expect(renderRubric(undefined, kase)).toContain('Ideal behaviour: Quote the sentence\nWhy: Specific beats vague');
  });

  it('labels the two responses and shows tool calls readably', () => {
    const [system, user] = judgeMessages(kase, undefined, makeOutput({ text: 'First.', toolCalls: [call('comment', { line: 2, note: 'vague' })] }), makeOutput({ text: '' }), false);
    expect(system.content).toContain('record_verdict');
    expect(user.content).toContain('# Conversation\n<conversation>\nuser: Comment on my intro.\n</conversation>');
    expect(user.content).toContain('# Response A\n<response_a>\nFirst.\n→ comment(line: 2, note: "vague")\n</response_a>');
    expect(user.content).toContain('# Response B\n<response_b>\n(empty response)\n</response_b>');
  });

  it('offers strength in the tool schema only when the comparison asks for it', () => {
    expect(verdictTool(false).parameters).not.toHaveProperty('properties.strength');
    expect(verdictTool(true).parameters).toHaveProperty('properties.strength.enum', ['better', 'much better']);
  });
});
