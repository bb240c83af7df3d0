import type { NormalizeContext, NormalizeResult } from './types.js';
import { wallClockAfter } from '../../dataset/local-time.js';
import { durationFromNow } from './in-duration.js';

// Calendar dates to "YYYY-MM-DD". Relative words ("tomorrow", "friday", "in 3 days", "Nov 27"
// without a year, "in 2 hours") resolve against the case's `now`, so the same case gives the same
// date every run.
// Numeric dates are US month/day unless the first number cannot be a month (27/11/2026).

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const DAY_MS = 86_400_000;

/** A calendar day as a UTC midnight, so arithmetic never crosses a DST change. */
type Day = Date;

const day = (year: number, month: number, date: number): Day => new Date(Date.UTC(year, month - 1, date));
const addDays = (d: Day, n: number): Day => new Date(d.getTime() + n * DAY_MS);
const iso = (d: Day): string => d.toISOString().slice(0, 10);

function validDay(year: number, month: number, date: number): Day | undefined {
  const d = day(year, month, date);
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === date ? d : undefined;
}

/** Today's date at `now`, in `timezone` when given, else as written in the ISO text. */
function todayOf(context: NormalizeContext): Day | undefined {
  if (!context.now) return undefined;
  const written = /^(\d{4})-(\d{2})-(\d{2})/.exec(context.now.trim());
  if (!written) return undefined;
  const instant = new Date(context.now);
  if (context.timezone && /[zZ]|[+-]\d{2}:?\d{2}$/.test(context.now.trim()) && !Number.isNaN(instant.getTime())) {
    const parts = new Intl.DateTimeFormat('en-CA', { timeZone: context.timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
    const [year, month, date] = parts.split('-').map(Number);
    return day(year, month, date);
  }
  return day(Number(written[1]), Number(written[2]), Number(written[3]));
}

function monthIndex(word: string): number | undefined {
  const index = MONTHS.indexOf(word.slice(0, 3));
  return index >= 0 && (word.length === 3 || 'january february march april may june july august september october november december'.includes(word)) ? index + 1 : undefined;
}

/** A month and day without a year: the next such date on or after today. */
function nextOccurrence(month: number, date: number, today: Day): Day | undefined {
  const year = today.getUTCFullYear();
  const candidate = validDay(year, month, date) ?? validDay(year + 1, month, date);
  if (!candidate) return undefined;
  return candidate < today ? validDay(year + 1, month, date) : candidate;
}

type Parsed = Day | 'needs-now' | undefined;

function parseRelative(input: string, today: Day | undefined): Parsed {
  const offsets: Record<string, number> = { today: 0, tonight: 0, 'this evening': 0, 'this afternoon': 0, tomorrow: 1, yesterday: -1 };
  const weekday = /^(?:(next|this|on|coming)\s+)?(sunday|monday|tuesday|wednesday|thursday|friday|saturday|sun|mon|tues?|wed|thu|thurs?|fri|sat)\.?$/.exec(input);
  const inDays = /^in\s+(\d+|a|an|one)\s+(day|week)s?$/.exec(input) ?? /^(\d+)\s+(day|week)s?\s+(?:from now|later)$/.exec(input);
  const ago = /^(\d+|a|one)\s+(day|week)s?\s+ago$/.exec(input);
  if (!(input in offsets) && !weekday && !inDays && !ago) return undefined;
  if (!today) return 'needs-now';
  if (input in offsets) return addDays(today, offsets[input]);
  if (weekday) {
    const target = WEEKDAYS.findIndex((name) => name.startsWith(weekday[2].slice(0, 3)));
    // "friday" is the first friday after today, never today itself. "next friday" is the friday of
    // next week (Monday to Sunday): said on a Thursday it is eight days away, said on a Saturday six.
    let ahead = (target - today.getUTCDay() + 7) % 7 || 7;
    const dayOfWeek = (today.getUTCDay() + 6) % 7;
    if (weekday[1] === 'next' && dayOfWeek + ahead <= 6) ahead += 7;
    return addDays(today, ahead);
  }
  const [count, unit] = (inDays ?? ago)!.slice(1, 3);
  const n = /^\d+$/.test(count) ? Number(count) : 1;
  return addDays(today, n * (unit === 'week' ? 7 : 1) * (ago ? -1 : 1));
}

function parseCalendar(input: string, today: Day | undefined): Parsed {
  const isoDate = /^(\d{4})-(\d{2})-(\d{2})(?:[t ].*)?$/.exec(input);
  if (isoDate) return validDay(Number(isoDate[1]), Number(isoDate[2]), Number(isoDate[3]));
  const numeric = /^(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{4}))?$/.exec(input);
  if (numeric) {
    let [month, date] = [Number(numeric[1]), Number(numeric[2])];
    if (month > 12) [month, date] = [date, month];
    return yearOrNext(numeric[3], month, date, today);
  }
  const clean = input
    .replace(/,/g, ' ')
    .replace(/(\d)(st|nd|rd|th)\b/g, '$1')
    .replace(/\s+of\s+/, ' ')
    .replace(/\s+/g, ' ');
  const monthFirst = /^([a-z]+)\.? (\d{1,2})(?: (\d{4}))?$/.exec(clean);
  const dayFirst = /^(\d{1,2}) ([a-z]+)\.?(?: (\d{4}))?$/.exec(clean);
  const [monthWord, date, year] = monthFirst ? [monthFirst[1], monthFirst[2], monthFirst[3]] : dayFirst ? [dayFirst[2], dayFirst[1], dayFirst[3]] : [];
  const month = monthWord === undefined ? undefined : monthIndex(monthWord);
  if (month === undefined) return undefined;
  return yearOrNext(year, month, Number(date), today);
}

function yearOrNext(year: string | undefined, month: number, date: number, today: Day | undefined): Parsed {
  if (year) return validDay(Number(year), month, date);
  if (!validDay(2000, month, date)) return undefined; // 2000 is a leap year: Feb 29 stays possible
  return today ? nextOccurrence(month, date, today) : 'needs-now';
}

/** "2026-11-27T19:00:00Z", "tomorrow", "next friday", "in 3 days", "in 2 hours", "Nov 27", "27 November 2026", "11/27/2026" → "YYYY-MM-DD". */
export function normalizeDate(text: string, context: NormalizeContext): NormalizeResult {
  // "tomorrow at 8" or "friday, 7pm": the time part is another check's business.
  const input = text
    .trim()
    .toLowerCase()
    .replace(/^on\s+/, '')
    .replace(/(?:\s+at\s+|\s*@\s*|,\s*(?=\d{1,2}(?::\d{2})?\s*(?:am|pm)?$)).*$/, '')
    .trim();
  const today = todayOf(context);
  const ahead = durationFromNow(input);
  const later = ahead === undefined ? undefined : wallClockAfter(context, ahead);
  const parsed = ahead !== undefined ? (later ? day(later.year, later.month, later.day) : 'needs-now') : (parseRelative(input, today) ?? parseCalendar(input, today));
  if (parsed === 'needs-now') {
    return { ok: false, needsNow: true, reason: `${JSON.stringify(text)} is relative but the case has no "now" (set a now column or the suite's now)` };
  }
  if (!parsed) return { ok: false, reason: `${JSON.stringify(text)} is not a date` };
  return { ok: true, value: iso(parsed) };
}
