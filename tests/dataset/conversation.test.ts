import { describe, expect, it } from 'vitest';
import { parseConversation } from '../../src/dataset/conversation.js';

describe('parseConversation', () => {
  it('reads plain text as one user message, keeping inner newlines', () => {
    expect(parseConversation('  Write a cover letter.\n\nMake it short.  ')).toEqual({
      messages: [{ role: 'user', content: 'Write a cover letter.\n\nMake it short.' }],
    });
  });

  it('reads role blocks typed in one cell, case-insensitively, each running to the next role line', () => {
    const cell = 'System: Be brief.\nuser: Draft an email\nto my landlord.\nASSISTANT: Sure, what about?\nuser:The leak.';
    expect(parseConversation(cell)).toEqual({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Draft an email\nto my landlord.' },
        { role: 'assistant', content: 'Sure, what about?' },
        { role: 'user', content: 'The leak.' },
      ],
    });
  });

  it('treats a cell as plain text when its first line has no role prefix, even if later lines do', () => {
    const cell = 'Summarise this chat:\nuser: hi\nassistant: hello';
    expect(parseConversation(cell)).toEqual({ messages: [{ role: 'user', content: cell }] });
  });

  it('ignores blank lines before the first role line', () => {
    expect(parseConversation('\n\nuser: hi')).toEqual({ messages: [{ role: 'user', content: 'hi' }] });
  });

  it('rejects an empty turn', () => {
    expect(parseConversation('user: hi\nassistant:\nuser: again')).toEqual({ error: 'turn 2 ("assistant:") is empty' });
  });

  it('reads a JSON array of {role, content}', () => {
    const cell = '[{"role": "system", "content": "Be brief."}, {"role": "user", "content": "hi"}]';
    expect(parseConversation(cell)).toEqual({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'hi' },
      ],
    });
  });

  it('flattens OpenAI-style content parts', () => {
    const cell = '[{"role": "user", "content": [{"type": "text", "text": "a"}, {"type": "text", "text": "b"}]}]';
    expect(parseConversation(cell)).toEqual({ messages: [{ role: 'user', content: 'a\nb' }] });
  });

  it('reports invalid JSON', () => {
    const result = parseConversation('[{"role": "user", "content": "hi"}');
    expect(result).toHaveProperty('error');
    expect('error' in result && result.error).toMatch(/^starts with "\[" but is not a valid JSON array of \{role, content\} \(.+\)$/);
  });

  it('reports a bad role with its position', () => {
    expect(parseConversation('[{"role": "user", "content": "hi"}, {"role": "bot", "content": "yo"}]')).toEqual({
      error: 'message 2 has role "bot" (use "system", "user" or "assistant")',
    });
    expect(parseConversation('[{"content": "hi"}]')).toEqual({ error: 'message 1 has no "role" (use "system", "user" or "assistant")' });
  });

  it('reports a message without text content', () => {
    expect(parseConversation('[{"role": "user"}]')).toEqual({ error: 'message 1 has no text "content"' });
  });

  it('reports an empty array and an empty cell', () => {
    expect(parseConversation('[]')).toEqual({ error: 'is an empty JSON array (it needs at least one message)' });
    expect(parseConversation('  \n ')).toEqual({ error: 'is empty (every case needs an input)' });
  });

  it('keeps a bracketed message that is not JSON as plain text', () => {
    expect(parseConversation('[URGENT] rewrite my essay')).toEqual({ messages: [{ role: 'user', content: '[URGENT] rewrite my essay' }] });
  });
});

describe('near-miss role labels', () => {
  it('reads a cell starting with a misspelt label as plain text, with a warning that suggests the label', () => {
    expect(parseConversation('usr: remind me at 7pm\nasistant: sure')).toEqual({
      messages: [{ role: 'user', content: 'usr: remind me at 7pm\nasistant: sure' }],
      warnings: ['first line starts with "usr:"; did you mean "user:"? (read as plain text)'],
    });
  });

  it.each([
    ['asistant: Sure, which job?', 'asistant:', 'assistant'],
    ['Assistent: Hello', 'Assistent:', 'assistant'],
    ['sytem: be brief', 'sytem:', 'system'],
    ['usre: hi', 'usre:', 'user'],
    ['USR : hi', 'USR :', 'user'],
    ['User - can you draft my essay?', 'User -', 'user'],
    ['User – can you draft my essay?', 'User –', 'user'],
    ['Sistem - you are terse', 'Sistem -', 'system'],
  ])('%s → did you mean "%s" → %s', (cell, written, role) => {
    const parsed = parseConversation(cell);
    expect(parsed).toEqual({
      messages: [{ role: 'user', content: cell }],
      warnings: [`first line starts with "${written}"; did you mean "${role}:"? (read as plain text)`],
    });
  });

  it.each([
    'User interviews: five of eight people wanted a shorter form',
    'Users: 40% churn after the first week',
    'Use: a formal tone',
    'User-friendly copy for the sign-up page, please',
    'Uber: book a ride to the airport at 7',
    'System design question: how would you shard this?',
    'Systems - which ones are down?',
    'Assistance: I need help with my visa',
    'Sure - remind me at 5',
    'Stem: what is photosynthesis?',
    'Note: keep it short',
    'Re: your email from Monday',
    'What is a user: someone who pays?',
  ])('does not warn about prose: %s', (cell) => {
    expect(parseConversation(cell)).toEqual({ messages: [{ role: 'user', content: cell }] });
  });

  it('warns about a slip in a later label, which silently merges two turns', () => {
    expect(parseConversation('user: hi\nasistant: hello\nuser: bye')).toEqual({
      messages: [
        { role: 'user', content: 'hi\nasistant: hello' },
        { role: 'user', content: 'bye' },
      ],
      warnings: ['line 2 starts with "asistant:"; did you mean "assistant:"? (read as part of the "user:" turn)'],
    });
  });

  it('says nothing about a correct conversation whose turns have prose lines', () => {
    expect(parseConversation('user: my notes:\nUsers: 40\nassistant: ok')).toEqual({
      messages: [
        { role: 'user', content: 'my notes:\nUsers: 40' },
        { role: 'assistant', content: 'ok' },
      ],
    });
  });
});
