import type { NormalizeResult } from './types.js';

/** Numeric comparison: "1,000" = "1000" = "1000.0"; thousands separators, spaces and underscores ignored. */
export function normalizeNumber(text: string): NormalizeResult {
  const digits = text.trim().replace(/[,_\s\u00a0\u202f]/g, '');
  const value = Number(digits);
  if (digits === '' || !Number.isFinite(value)) return { ok: false, reason: `${JSON.stringify(text)} is not a number` };
  return { ok: true, value: String(value) };
}
