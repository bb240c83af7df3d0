// "in 2 hours", "in half an hour", "in 1 hour and 15 minutes", "90 minutes from now": a time said as a
// duration from the case's `now`. The `time` and `date` normalizers resolve it against that moment.

const UNIT_MS: Record<string, number> = { hour: 3_600_000, hr: 3_600_000, minute: 60_000, min: 60_000 };
const AMOUNT = String.raw`(\d+(?:\.\d+)?|an?|one|half an?)`;
const PART = String.raw`${AMOUNT}\s+(hour|hr|minute|min)s?`;
const WHOLE = new RegExp(String.raw`^(?:in\s+(${PART}(?:\s*,?\s*(?:and\s+)?${PART})?)|(${PART}(?:\s*,?\s*(?:and\s+)?${PART})?)\s+from\s+now)$`);
const EACH = new RegExp(PART, 'g');

function amount(word: string): number {
  if (word.startsWith('half')) return 0.5;
  return /^\d/.test(word) ? Number(word) : 1;
}

/** Milliseconds `text` says from now ("in 2 hours" → 7,200,000), or undefined when it says no such thing. */
export function durationFromNow(text: string): number | undefined {
  const whole = WHOLE.exec(text);
  if (!whole) return undefined;
  let ms = 0;
  for (const [, count, unit] of (whole[1] ?? whole[6]).matchAll(EACH)) ms += amount(count) * UNIT_MS[unit];
  return Math.round(ms);
}
