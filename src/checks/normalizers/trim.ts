import type { NormalizeResult } from './types.js';

/** Whitespace-insensitive comparison: ends trimmed and inner runs (newlines, tabs) made one space. */
export function normalizeTrim(text: string): NormalizeResult {
  return { ok: true, value: text.replace(/\s+/g, ' ').trim() };
}
