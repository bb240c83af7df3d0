// Reads "remind me at 7:00 PM to call mom" the way a decent model would, for the plausible brain.

export interface ParsedReminder {
  title: string;
  /** 24-hour HH:MM. */
  time?: string;
  date?: string;
  recurrence?: 'daily' | 'weekly' | 'monthly' | 'yearly';
}

const TIME = /\b(?:at|@|by|for|around)\s+(\d{1,2})(?:[:.h](\d{2}))?\s*(a\.?m\.?|p\.?m\.?)?(?![\d:])/i;
const LOOSE_TIME = /\b(\d{1,2})(?::(\d{2}))?\s*(a\.?m\.?|p\.?m\.?)(?![a-z])/i;
const ISO_DATE = /(?<!\d)(\d{4}-\d{2}-\d{2})(?!\d)/;
const RECURRENCES: [RegExp, ParsedReminder['recurrence']][] = [
  [/\b(every\s+(day|morning|evening|night)|each\s+day|daily)\b/i, 'daily'],
  [/\b(every\s+(week|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|weekly)\b/i, 'weekly'],
  [/\b(every\s+month|monthly)\b/i, 'monthly'],
  [/\b(every\s+year|yearly|annually)\b/i, 'yearly'],
];

function formatTime(hours: number, minutes: number, meridiem: string | undefined): string | undefined {
  let h = hours;
  const m = meridiem?.toLowerCase().replace(/\./g, '');
  if (m === 'pm' && h < 12) h += 12;
  if (m === 'am' && h === 12) h = 0;
  if (h > 23 || minutes > 59) return undefined;
  return `${String(h).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

function findTime(message: string): { time?: string; phrase?: string } {
  if (/\bnoon\b/i.test(message)) return { time: '12:00', phrase: message.match(/\b(at\s+)?noon\b/i)?.[0] };
  if (/\bmidnight\b/i.test(message)) return { time: '00:00', phrase: message.match(/\b(at\s+)?midnight\b/i)?.[0] };
  const match = TIME.exec(message) ?? LOOSE_TIME.exec(message);
  if (!match) return {};
  return { time: formatTime(Number(match[1]), Number(match[2] ?? 0), match[3]), phrase: match[0] };
}

function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Parse a reminder request; `context` (e.g. the system prompt) may hold today's date for "tomorrow". */
export function parseReminder(message: string, context = ''): ParsedReminder {
  const { time, phrase } = findTime(message);
  let rest = phrase ? message.replace(phrase, ' ') : message;

  let date = ISO_DATE.exec(message)?.[1];
  const today = ISO_DATE.exec(context)?.[1];
  if (!date && today && /\btomorrow\b/i.test(message)) date = addDays(today, 1);
  if (!date && today && /\btoday\b|\btonight\b/i.test(message)) date = today;
  rest = rest.replace(/\b(on\s+)?\d{4}-\d{2}-\d{2}\b/g, ' ').replace(/\b(tomorrow|today|tonight)\b/gi, ' ');

  const recurrence = RECURRENCES.find(([pattern]) => pattern.test(message));
  if (recurrence) rest = rest.replace(recurrence[0], ' ');

  rest = rest.replace(/^.*?\bremind\s+me\b/i, ' ').replace(/\s+/g, ' ');
  const what = /\b(?:to|about|that)\s+(.+)/i.exec(rest)?.[1] ?? rest;
  const cleaned = what
    .replace(/[?.!,\s]+$/, '')
    .replace(/^[\s,]+/, '')
    .trim();
  const title = cleaned ? cleaned[0].toUpperCase() + cleaned.slice(1) : 'Reminder';
  return { title, time, date, recurrence: recurrence?.[1] };
}
