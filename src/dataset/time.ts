// `now` and `timezone` make time-relative cases deterministic, so a typo in either must be caught
// on load rather than turn into a wrong "tomorrow" at run time.

const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/i;

export const NOW_HELP = 'is not an ISO date-time (use e.g. 2026-11-26T09:00:00, optionally with an offset such as +01:00 or Z)';

/**
 * The ISO date-time in `text` with a `T` separator, or undefined when it is not one (or names an
 * impossible date such as 2026-02-30). Use for the `now` column and the suite's `now`.
 */
export function normalizeDateTime(text: string): string | undefined {
  const trimmed = text.trim();
  const match = ISO_DATE_TIME.exec(trimmed);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => Number(part ?? 0));
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const offset = match[7];
  if (offset && offset.toUpperCase() !== 'Z') {
    const digits = offset.replace(':', '');
    if (Number(digits.slice(1, 3)) > 23 || Number(digits.slice(3)) > 59) return undefined;
  }
  return trimmed.replace(' ', 'T');
}

/** True for an IANA time zone name the runtime knows (`Europe/Paris`, `UTC`). */
export function isTimeZone(name: string): boolean {
  if (name.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name.trim() });
    return true;
  } catch {
    return false;
  }
}

export const TIMEZONE_HELP = 'is not an IANA time zone (use e.g. Europe/Paris, America/New_York or UTC)';
