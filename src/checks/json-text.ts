// Models often wrap JSON in a Markdown fence even when told not to; the JSON checks accept that
// one wrapping (the whole text being one fenced block), not JSON buried inside prose.

const FENCE = /^```[A-Za-z0-9_-]*[ \t]*\r?\n([\s\S]*?)\r?\n?```$/;

/** The text with one surrounding ``` fence (```json or bare) removed. */
function stripJsonFence(text: string): string {
  const trimmed = text.trim();
  const match = FENCE.exec(trimmed);
  return match ? match[1] : trimmed;
}

/** Parse an output's text as JSON after stripping a fence. Use in checks that need the parsed value. */
export function parseJsonText(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  const body = stripJsonFence(text);
  if (body === '') return { ok: false, message: 'the output is empty' };
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}
