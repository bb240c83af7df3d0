import { describe, expect, it } from 'vitest';
import { localDateTime, renderMessages } from '../../src/providers/render-request.js';
import { makeCase } from '../helpers/make-case.js';

describe('the moment a prompt is given ({{now}})', () => {
  it('is the local clock in the case\'s time zone, the one "tomorrow" is resolved against', () => {
    expect(localDateTime('2026-11-27T03:00:00Z', 'America/Los_Angeles')).toBe('2026-11-26T19:00:00-08:00');
    expect(localDateTime('2026-11-26T09:00:00Z', 'Asia/Kolkata')).toBe('2026-11-26T14:30:00+05:30');
    expect(localDateTime('2026-11-26T09:00:00', 'Europe/Paris')).toBe('2026-11-26T09:00:00');
  });

  it('is rendered into the system prompt with the time zone', () => {
    const kase = makeCase({ now: '2026-11-27T03:00:00Z', timezone: 'America/Los_Angeles' });
    const [system] = renderMessages({ name: 's', provider: 'openai:m', params: {}, prompt: 'Current time: {{now}} ({{timezone}})' }, kase);
    expect(system).toEqual({ role: 'system', content: 'Current time: 2026-11-26T19:00:00-08:00 (America/Los_Angeles)' });
  });
});
