/** What a normalizer may need from the case: `now` (ISO date-time) and its time zone, for relative dates. */
export interface NormalizeContext {
  now?: string;
  timezone?: string;
}

export type NormalizeResult =
  | { ok: true; value: string }
  /** `needsNow`: the text is fine but relative ("tomorrow") and the case has no `now`. */
  | { ok: false; reason: string; needsNow?: boolean };

/**
 * Turns the many ways a value is written into one canonical text, so `tool-args` compares
 * meaning ("7pm" vs "19:00") rather than spelling. Pure: same text and context, same result.
 */
export type Normalizer = (text: string, context: NormalizeContext) => NormalizeResult;
