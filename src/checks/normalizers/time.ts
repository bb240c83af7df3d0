import type { NormalizeContext, NormalizeResult } from './types.js';
import { wallClockAfter } from '../../dataset/local-time.js';
import { durationFromNow } from './in-duration.js';

// Clock times as people and models write them, to "HH:MM" (or "HH:MM:SS" when the seconds matter).
// An ISO date-time keeps the clock time as written: its offset says where, not a different time.
// "in 2 hours" is the case's `now` two hours on, on the case's clock (see dataset/local-time.ts).

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}[t ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(?:z|[+-]\d{2}(?::?\d{2})?)?$/;
const CLOCK = /^(\d{1,2})(?:(?:[:.]|h)(\d{2}))?(?::(\d{2}))?\s*(a\.?\s?m\.?|p\.?\s?m\.?|h|hrs?|o'?clock)?$/;
const WORDS: Record<string, string> = { noon: '12:00', '12 noon': '12:00', midday: '12:00', '12 midday': '12:00', midnight: '00:00', '12 midnight': '00:00' };

const pad = (n: number): string => String(n).padStart(2, '0');

function format(hour: number, minute: number, second: number): string {
  return second > 0 ? `${pad(hour)}:${pad(minute)}:${pad(second)}` : `${pad(hour)}:${pad(minute)}`;
}

/** "7:00 PM" = "19:00" = "7pm" = "19:00:00" = "7 p.m." = "19h" → "19:00"; "12 AM" → "00:00"; "in 2 hours" at 17:00 → "19:00". */
export function normalizeTime(text: string, context: NormalizeContext = {}): NormalizeResult {
  const input = text
    .trim()
    .toLowerCase()
    .replace(/^at\s+/, '');
  const fail: NormalizeResult = { ok: false, reason: `${JSON.stringify(text)} is not a time` };
  if (WORDS[input]) return { ok: true, value: WORDS[input] };
  const ahead = durationFromNow(input);
  if (ahead !== undefined) {
    const wall = wallClockAfter(context, ahead);
    if (!wall) return { ok: false, needsNow: true, reason: `${JSON.stringify(text)} is relative but the case has no "now" (set a now column or the suite's now)` };
    return { ok: true, value: format(wall.hour, wall.minute, wall.second) };
  }
  const iso = ISO_DATE_TIME.exec(input);
  const match = iso ? [iso[0], iso[1], iso[2], iso[3], undefined] : CLOCK.exec(input);
  if (!match) return fail;
  let hour = Number(match[1]);
  const minute = Number(match[2] ?? 0);
  const second = Number(match[3] ?? 0);
  const suffix = (match[4] ?? '').replace(/[.\s]/g, '');
  if (minute > 59 || second > 59) return fail;
  if (suffix === 'am' || suffix === 'pm') {
    if (hour < 1 || hour > 12) return fail;
    hour = (hour % 12) + (suffix === 'pm' ? 12 : 0);
  } else if (hour > 23) {
    return fail;
  }
  return { ok: true, value: format(hour, minute, second) };
}
