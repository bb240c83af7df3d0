/**
 * Join small strings into pieces of about `size` characters (default 1 MB), for writing large files
 * line by line: one write per line would be 100,000 writes, one string for the file would hold it
 * twice over in memory.
 */
export function* inPieces(parts: Iterable<string>, size = 1 << 20): Generator<string> {
  let buffered: string[] = [];
  let length = 0;
  for (const part of parts) {
    buffered.push(part);
    length += part.length;
    if (length >= size) {
      yield buffered.join('');
      buffered = [];
      length = 0;
    }
  }
  if (buffered.length) yield buffered.join('');
}
