import { createHash } from 'node:crypto';

// Ids and hashes come from a row's content, never its position: inserting a row must not rename
// the others, or every baseline comparison after the edit would be noise.

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The id of a case without an `id` cell: `c-` + 10 hex chars of sha256(input [+ now]). */
export function deriveCaseId(input: string, now?: string): string {
  const material = now ? `${input}\u0000${now}` : input;
  return `c-${sha256(material).slice(0, 10)}`;
}

/** sha256 (hex, 16 chars) of every column, keys sorted: the same id with another hash is a changed case. */
export function contentHash(columns: Record<string, string>): string {
  const sorted = Object.keys(columns)
    .sort()
    .map((key) => [key, columns[key]]);
  return sha256(JSON.stringify(sorted)).slice(0, 16);
}
