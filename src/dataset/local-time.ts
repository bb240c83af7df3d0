// A case's `now` as a wall clock in its time zone, and that clock moved by a duration ("in 2 hours").
// `now` is written either with an offset (an instant: 2026-11-27T03:00:00Z) or without one (a wall
// clock, already local). A wall clock in a time zone can fall in a gap (clocks go forward: 02:30 on
// the last Sunday of March does not exist in Europe/Paris) or an overlap (clocks go back: 02:30 on
// the last Sunday of October happens twice); a gap is an error on load, an overlap takes the first.

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:[.,]\d+)?(Z|[+-]\d{2}:?\d{2})?$/i;

/** A local date and time, its fields as numbers (month 1–12). */
interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const MINUTE_MS = 60_000;

function asUtc(wall: WallClock): number {
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
}

function fromUtc(ms: number): WallClock {
  const d = new Date(ms);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds() };
}

/** The wall clock at `instant` (ms since the epoch) in `timeZone`. */
function wallClockIn(instant: number, timeZone: string): WallClock {
  const format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  const parts = Object.fromEntries(format.formatToParts(instant).map((p) => [p.type, Number(p.value)]));
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute, second: parts.second };
}

/** Minutes `timeZone` is ahead of UTC at `instant`. */
function offsetAt(instant: number, timeZone: string): number {
  return Math.round((asUtc(wallClockIn(instant, timeZone)) - Math.floor(instant / 1000) * 1000) / MINUTE_MS);
}

/**
 * The instant `wall` names in `timeZone`: the earlier one when the clock shows it twice, undefined
 * when it never shows it (a gap).
 */
function instantOfWallClock(wall: WallClock, timeZone: string): number | undefined {
  const naive = asUtc(wall);
  // The zone's offset a day either side of the wall time covers both offsets of any change near it.
  const candidates = [...new Set([offsetAt(naive - 86_400_000, timeZone), offsetAt(naive + 86_400_000, timeZone)])]
    .map((offset) => naive - offset * MINUTE_MS)
    .filter((instant) => asUtc(wallClockIn(instant, timeZone)) === naive)
    .sort((a, b) => a - b);
  return candidates[0];
}

function parse(now: string): { wall: WallClock; offsetMinutes?: number } | undefined {
  const m = ISO.exec(now.trim());
  if (!m) return undefined;
  const wall = { year: +m[1], month: +m[2], day: +m[3], hour: +m[4], minute: +m[5], second: +(m[6] ?? 0) };
  const zone = m[7];
  if (!zone) return { wall };
  if (zone.toUpperCase() === 'Z') return { wall, offsetMinutes: 0 };
  const digits = zone.replace(':', '');
  const minutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5));
  return { wall, offsetMinutes: digits[0] === '-' ? -minutes : minutes };
}

/**
 * Why `now` (already a valid ISO date-time) cannot be the moment of a case in `timeZone`, or
 * undefined when it can: a wall clock the zone skips (a DST gap) names no moment at all.
 */
export function skippedWallClock(now: string, timeZone: string): string | undefined {
  const parsed = parse(now);
  if (!parsed || parsed.offsetMinutes !== undefined) return undefined;
  if (instantOfWallClock(parsed.wall, timeZone) !== undefined) return undefined;
  return `${now} does not exist in ${timeZone}: the clocks skip that hour (daylight saving time starts); give a time before or after it, or an offset`;
}

/**
 * The case's wall clock `ms` after its `now`: in `timeZone` when the case has one (across a DST
 * change the clock moves by more or less than `ms`, as a phone's would), else in the offset `now` is
 * written with, else as written. Undefined when the case has no `now` to move from.
 */
export function wallClockAfter(context: { now?: string; timezone?: string }, ms: number): WallClock | undefined {
  const parsed = context.now ? parse(context.now) : undefined;
  if (!parsed) return undefined;
  const { wall, offsetMinutes } = parsed;
  const zone = context.timezone;
  if (offsetMinutes !== undefined) {
    const instant = asUtc(wall) - offsetMinutes * MINUTE_MS + ms;
    return zone ? wallClockIn(instant, zone) : fromUtc(instant + offsetMinutes * MINUTE_MS);
  }
  if (zone) {
    const start = instantOfWallClock(wall, zone);
    if (start !== undefined) return wallClockIn(start + ms, zone);
  }
  return fromUtc(asUtc(wall) + ms);
}
