import { describe, expect, it } from 'vitest';
import { normalizeTime } from '../../../src/checks/normalizers/time.js';

const value = (text: string) => {
  const result = normalizeTime(text);
  return result.ok ? result.value : `error: ${result.reason}`;
};

describe('normalizeTime', () => {
  it('gives every spelling of 7 in the evening as 19:00', () => {
    for (const text of ['7:00 PM', '19:00', '7pm', '19:00:00', '7 p.m.', '19h', '7PM', ' at 7 pm ', '7.00pm']) {
      expect(value(text), text).toBe('19:00');
    }
  });

  it('reads noon and midnight in words, with or without "12"', () => {
    expect(value('12 noon')).toBe('12:00');
    expect(value('noon')).toBe('12:00');
    expect(value('12 midnight')).toBe('00:00');
  });

  it('keeps minutes and non-zero seconds', () => {
    expect(value('7:30 am')).toBe('07:30');
    expect(value('19h30')).toBe('19:30');
    expect(value('19:00:30')).toBe('19:00:30');
  });

  it('handles the twelves, noon and midnight', () => {
    expect(value('12 AM')).toBe('00:00');
    expect(value('12:15 am')).toBe('00:15');
    expect(value('12 PM')).toBe('12:00');
    expect(value('noon')).toBe('12:00');
    expect(value('Midnight')).toBe('00:00');
  });

  it('takes the clock time of an ISO date-time as written', () => {
    expect(value('2026-11-27T19:00:00')).toBe('19:00');
    expect(value('2026-11-27T19:00:00+01:00')).toBe('19:00');
    expect(value('2026-11-27T07:05:00.000Z')).toBe('07:05');
  });

  it('rejects what is not a time', () => {
    expect(value('25:00')).toBe('error: "25:00" is not a time');
    expect(value('13pm')).toBe('error: "13pm" is not a time');
    expect(value('7:60')).toBe('error: "7:60" is not a time');
    expect(value('evening')).toBe('error: "evening" is not a time');
    expect(value('2026')).toBe('error: "2026" is not a time');
  });
});
