import type { NormalizeResult } from './types.js';

/** Case-insensitive comparison: "Document" = "document". */
export function normalizeLowercase(text: string): NormalizeResult {
  return { ok: true, value: text.toLowerCase() };
}
