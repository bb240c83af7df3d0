import { renderTemplate } from '../template.js';
import type { Case, Message, SystemConfig } from '../types.js';

/** Template variables a prompt may use: every column, plus `now` and `timezone`. */
export function caseVariables(kase: Case): Record<string, string | undefined> {
  const timezone = kase.timezone ?? kase.columns.timezone;
  const now = kase.now ?? kase.columns.now;
  return { ...kase.columns, now: now && timezone ? localDateTime(now, timezone) : now, timezone };
}

/**
 * `2026-11-27T03:00:00Z` in America/Los_Angeles is `2026-11-26T19:00:00-08:00`: the model is told
 * the local clock, the same one the `date` normalizer resolves "tomorrow" against. A `now` without
 * an offset is already local and is left as written.
 */
export function localDateTime(iso: string, timeZone: string): string {
  if (!/(?:[zZ]|[+-]\d\d:?\d\d)$/.test(iso)) return iso;
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return iso;
  let parts: Record<string, string>;
  try {
    const format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    parts = Object.fromEntries(format.formatToParts(instant).map((p) => [p.type, p.value]));
  } catch {
    return iso;
  }
  const local = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
  const offset = Math.round((local - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
  const sign = offset < 0 ? '-' : '+';
  const hours = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
  const minutes = String(Math.abs(offset) % 60).padStart(2, '0');
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${sign}${hours}:${minutes}`;
}

/** The system prompt (rendered for this case) followed by the case's conversation. */
export function renderMessages(system: SystemConfig, kase: Case): Message[] {
  if (!system.prompt) return kase.messages;
  const { text } = renderTemplate(system.prompt, caseVariables(kase));
  return [{ role: 'system', content: text.trim() }, ...kase.messages];
}
