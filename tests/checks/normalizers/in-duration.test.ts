import { describe, expect, it } from 'vitest';
import { normalizeDate } from '../../../src/checks/normalizers/date.js';
import { durationFromNow } from '../../../src/checks/normalizers/in-duration.js';
import { normalizeTime } from '../../../src/checks/normalizers/time.js';
import type { NormalizeContext } from '../../../src/checks/normalizers/types.js';

// "Remind me in 2 hours" must produce a reminder at now + 2 hours: the time and date normalizers read
// durations from the case's `now`, on the case's clock (its time zone, else the offset now is written
// with, else now as written), DST changes included.

const HOUR = 3_600_000;
const time = (text: string, context: NormalizeContext) => {
  const result = normalizeTime(text, context);
  return result.ok ? result.value : `error: ${result.reason}`;
};
const date = (text: string, context: NormalizeContext) => {
  const result = normalizeDate(text, context);
  return result.ok ? result.value : `error: ${result.reason}`;
};

describe('durationFromNow', () => {
  it('reads the ways people say a duration from now', () => {
    expect(durationFromNow('in 2 hours')).toBe(2 * HOUR);
    expect(durationFromNow('in an hour')).toBe(HOUR);
    expect(durationFromNow('in one hour')).toBe(HOUR);
    expect(durationFromNow('in half an hour')).toBe(HOUR / 2);
    expect(durationFromNow('in 1.5 hours')).toBe(1.5 * HOUR);
    expect(durationFromNow('in 30 mins')).toBe(HOUR / 2);
    expect(durationFromNow('in 2 hrs')).toBe(2 * HOUR);
    expect(durationFromNow('in a minute')).toBe(60_000);
    expect(durationFromNow('in 1 hour and 15 minutes')).toBe(75 * 60_000);
    expect(durationFromNow('in 1 hour 15 minutes')).toBe(75 * 60_000);
    expect(durationFromNow('in 1 hour, 15 minutes')).toBe(75 * 60_000);
    expect(durationFromNow('90 minutes from now')).toBe(90 * 60_000);
  });

  it('is not fooled by a clock time, days, or a bare duration', () => {
    for (const text of ['at 7pm', '7 hours', 'in 2 days', 'in hours', 'in 2 weeks', '2 hours ago', 'within 2 hours']) expect(durationFromNow(text), text).toBeUndefined();
  });
});

describe('time: "in N hours" from the case’s now', () => {
  it('adds to a now written as a local clock', () => {
    expect(time('in 2 hours', { now: '2026-11-26T17:00:00' })).toBe('19:00');
    expect(time('In half an hour', { now: '2026-11-26T17:45:00' })).toBe('18:15');
    expect(time('in 90 minutes', { now: '2026-11-26T23:00:00' })).toBe('00:30');
  });

  it('reads the clock in the case’s time zone when now is an instant', () => {
    // 03:00Z is 19:00 the evening before in Los Angeles (UTC-8 in November).
    expect(time('in 2 hours', { now: '2026-11-27T03:00:00Z', timezone: 'America/Los_Angeles' })).toBe('21:00');
    // Without a time zone, in the offset now is written with.
    expect(time('in 2 hours', { now: '2026-11-26T19:00:00-08:00' })).toBe('21:00');
  });

  it('follows the clock across a DST change, as a phone would', () => {
    // Paris, 29 March 2026: at 02:00 the clocks go forward to 03:00. Two hours after 01:30 is 04:30.
    expect(time('in 2 hours', { now: '2026-03-29T01:30:00', timezone: 'Europe/Paris' })).toBe('04:30');
    // 25 October 2026: at 03:00 the clocks go back to 02:00. Two hours after 01:30 is 02:30 (the second one).
    expect(time('in 2 hours', { now: '2026-10-25T01:30:00', timezone: 'Europe/Paris' })).toBe('02:30');
  });

  it('needs a now, and says so', () => {
    const result = normalizeTime('in 2 hours', {});
    expect(result).toEqual({ ok: false, needsNow: true, reason: '"in 2 hours" is relative but the case has no "now" (set a now column or the suite\'s now)' });
  });
});

describe('date: "in N hours" from the case’s now', () => {
  it('is tomorrow when the hours cross midnight on the case’s clock', () => {
    expect(date('in 2 hours', { now: '2026-11-26T23:00:00' })).toBe('2026-11-27');
    expect(date('in 2 hours', { now: '2026-11-26T09:00:00' })).toBe('2026-11-26');
    // 07:00Z on the 27th is 23:00 on the 26th in Los Angeles: two hours on is the 27th there.
    expect(date('in 2 hours', { now: '2026-11-27T07:00:00Z', timezone: 'America/Los_Angeles' })).toBe('2026-11-27');
    expect(date('in an hour', { now: '2026-11-27T06:00:00Z', timezone: 'America/Los_Angeles' })).toBe('2026-11-26');
  });

  it('needs a now', () => {
    expect(normalizeDate('in 2 hours', {})).toMatchObject({ ok: false, needsNow: true });
  });
});
