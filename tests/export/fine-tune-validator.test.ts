import { describe, expect, it } from 'vitest';
import { validateAnthropicFile, validateOpenAiChatFile, validateOpenAiPreferenceFile } from '../helpers/fine-tune-validator.js';

// The validator the export tests trust must itself catch what the providers reject: each planted
// line breaks one documented rule and must be reported; the good lines must pass.

const tools = [{ type: 'function', function: { name: 'canvas', parameters: { type: 'object', properties: {} } } }];
const call = (name: string, args: unknown) => ({ id: 'call_1', type: 'function', function: { name, arguments: args } });
const file = (...lines: unknown[]) => lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line)) + '\n').join('');

describe('the fine-tuning file validator', () => {
  it('openai-chat: a good line passes; each broken rule is reported', () => {
    const good = {
      messages: [
        { role: 'system', content: 's' },
        { role: 'user', content: 'u' },
        { role: 'assistant', tool_calls: [call('canvas', '{"type":"document"}')] },
      ],
      tools,
    };
    expect(validateOpenAiChatFile(file(good))).toEqual([]);
    const planted = [
      ['{not json', 'line 1: not valid JSON'],
      [
        {
          messages: [
            { role: 'user', content: 'u' },
            { role: 'assistant', tool_calls: [call('canvas', { type: 'document' })] },
          ],
          tools,
        },
        'arguments is not a JSON string',
      ],
      [
        {
          messages: [
            { role: 'user', content: 'u' },
            { role: 'assistant', tool_calls: [call('canvas', '{type: document}')] },
          ],
          tools,
        },
        'arguments does not parse as JSON',
      ],
      [
        {
          messages: [
            { role: 'user', content: 'u' },
            { role: 'assistant', tool_calls: [call('search', '{}')] },
          ],
          tools,
        },
        'calls search, which is not in the tools list',
      ],
      [
        {
          messages: [
            { role: 'user', content: 'u' },
            { role: 'user', content: 'v' },
            { role: 'assistant', content: 'a' },
          ],
        },
        'two user turns in a row',
      ],
      [{ messages: [{ role: 'user', content: 'u' }] }, 'the messages end with user, not assistant'],
      [{ messages: [{ role: 'assistant', content: 'a' }] }, 'does not start with a user turn'],
      [
        {
          messages: [
            { role: 'user', content: 'u' },
            { role: 'assistant', content: 'a' },
          ],
          extra: 1,
        },
        'unexpected keys extra',
      ],
    ] as const;
    for (const [line, problem] of planted) expect(validateOpenAiChatFile(file(line)).join('\n')).toContain(problem);
  });

  it('anthropic: first user, alternating, last assistant, no other keys', () => {
    const good = {
      system: 's',
      messages: [
        { role: 'user', content: 'u' },
        { role: 'assistant', content: 'a' },
      ],
    };
    expect(validateAnthropicFile(file(good))).toEqual([]);
    expect(validateAnthropicFile(file({ messages: [{ role: 'user', content: 'u' }] })).join()).toContain('fewer than two messages');
    expect(
      validateAnthropicFile(
        file({
          messages: [
            { role: 'assistant', content: 'a' },
            { role: 'user', content: 'u' },
          ],
        }),
      ).join(),
    ).toContain('expected user');
    expect(validateAnthropicFile(file({ ...good, tools: [] })).join()).toContain('unexpected keys tools');
    expect(
      validateAnthropicFile(
        file({
          messages: [
            { role: 'user', content: 'u' },
            { role: 'assistant', content: [{ type: 'text', text: 'a' }] },
          ],
        }),
      ).join(),
    ).toContain('content is not a non-empty string');
  });

  it('openai-preference: the input ends with the user; one assistant message each side; the two differ', () => {
    const input = { messages: [{ role: 'user', content: 'u' }], tools: [] };
    const good = { input, preferred_output: [{ role: 'assistant', content: 'good' }], non_preferred_output: [{ role: 'assistant', content: 'bad' }] };
    expect(validateOpenAiPreferenceFile(file(good))).toEqual([]);
    expect(validateOpenAiPreferenceFile(file({ ...good, non_preferred_output: good.preferred_output })).join()).toContain('are the same');
    expect(validateOpenAiPreferenceFile(file({ ...good, preferred_output: { role: 'assistant', content: 'x' } })).join()).toContain('preferred_output is not a list of one assistant message');
    expect(validateOpenAiPreferenceFile(file({ ...good, input: { messages: [...input.messages, { role: 'assistant', content: 'a' }] } })).join()).toContain('end with assistant, not user');
  });
});
