import { describe, expect, it } from 'vitest';
import { normalizeDate } from '../../../src/checks/normalizers/date.js';
import type { NormalizeContext } from '../../../src/checks/normalizers/types.js';

// Thursday 26 November 2026, 9 in the morning.
const now: NormalizeContext = { now: '2026-11-26T09:00:00' };

const value = (text: string, context: NormalizeContext = now) => {
  const result = normalizeDate(text, context);
  return result.ok ? result.value : `error: ${result.reason}`;
};

describe('normalizeDate', () => {
  it('reads ISO dates and date-times', () => {
    expect(value('2026-11-27', {})).toBe('2026-11-27');
    expect(value('2026-11-27T19:00:00+01:00', {})).toBe('2026-11-27');
  });

  it('resolves relative words against now', () => {
    expect(value('today')).toBe('2026-11-26');
    expect(value('Tomorrow')).toBe('2026-11-27');
    expect(value('yesterday')).toBe('2026-11-25');
    expect(value('in 3 days')).toBe('2026-11-29');
    expect(value('in a week')).toBe('2026-12-03');
    expect(value('2 days ago')).toBe('2026-11-24');
    expect(value('tomorrow at 8')).toBe('2026-11-27');
  });

  it('takes a weekday as the next one after today; "next friday" is the friday of next week', () => {
    // now is Thursday 2026-11-26.
    expect(value('friday')).toBe('2026-11-27');
    expect(value('this friday')).toBe('2026-11-27');
    expect(value('next Friday')).toBe('2026-12-04');
    expect(value('next monday')).toBe('2026-11-30');
    expect(value('tonight')).toBe('2026-11-26');
    expect(value('thursday')).toBe('2026-12-03');
    expect(value('Mon')).toBe('2026-11-30');
    expect(value('month')).toBe('error: "month" is not a date');
  });

  it('reads month names and numeric dates', () => {
    expect(value('Nov 27')).toBe('2026-11-27');
    expect(value('27 November 2026')).toBe('2026-11-27');
    expect(value('November 27th, 2026')).toBe('2026-11-27');
    expect(value('11/27/2026')).toBe('2026-11-27');
    expect(value('27/11/2026')).toBe('2026-11-27');
  });

  it('puts a month and day without a year on its next occurrence', () => {
    expect(value('Jan 3')).toBe('2027-01-03');
    expect(value('Nov 26')).toBe('2026-11-26');
  });

  it('uses the time zone to find today when now has an offset', () => {
    const late = { now: '2026-11-27T02:00:00Z', timezone: 'America/New_York' };
    expect(value('today', late)).toBe('2026-11-26');
    expect(value('today', { now: '2026-11-27T02:00:00Z' })).toBe('2026-11-27');
  });

  it('cannot resolve relative words without now, and says so', () => {
    const result = normalizeDate('tomorrow', {});
    expect(result).toEqual({ ok: false, needsNow: true, reason: '"tomorrow" is relative but the case has no "now" (set a now column or the suite\'s now)' });
    expect(normalizeDate('Nov 27', {}).ok).toBe(false);
  });

  it('rejects impossible or unknown dates', () => {
    expect(value('2026-02-30')).toBe('error: "2026-02-30" is not a date');
    expect(value('Feb 30')).toBe('error: "Feb 30" is not a date');
    expect(value('soon')).toBe('error: "soon" is not a date');
  });
});
