/**
 * A value with object keys sorted at every depth: the same data always gives the same JSON bytes, so
 * committed files (baseline.json, champion.jsonl) diff cleanly and hashes of it are stable.
 */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}
