// The small JSONPath subset tool-args needs: `time`, `$.time`, `reminder.time`, `items[0].when`,
// `$['odd key']`. No wildcards or filters: a check names one value, so a path names one place.

export type PathSegment = string | number;

const SEGMENT = /^(?:\.?([A-Za-z_$][\w$-]*)|\[(\d+)\]|\[\s*'((?:[^'\\]|\\.)*)'\s*\]|\[\s*"((?:[^"\\]|\\.)*)"\s*\])/;

/** The segments of `path`, or throws an Error saying where the syntax breaks. Use at suite load and before a lookup. */
export function parseJsonPath(path: string): PathSegment[] {
  let rest = path.trim();
  if (rest === '') throw new Error('path is empty');
  if (rest === '$') return [];
  if (rest.startsWith('$')) rest = rest.slice(1);
  const segments: PathSegment[] = [];
  while (rest.length > 0) {
    const match = SEGMENT.exec(rest);
    // A leading `.` is only optional for the very first segment (`time`), not between two.
    if (!match || (segments.length > 0 && match[1] !== undefined && !rest.startsWith('.'))) {
      throw new Error(`cannot read path ${JSON.stringify(path)} at ${JSON.stringify(rest)}`);
    }
    if (match[1] !== undefined) segments.push(match[1]);
    else if (match[2] !== undefined) segments.push(Number(match[2]));
    else segments.push((match[3] ?? match[4]).replace(/\\(.)/g, '$1'));
    rest = rest.slice(match[0].length);
  }
  return segments;
}

/** The value at `segments` inside `root`; `found` is false when any step is missing. */
export function selectPath(root: unknown, segments: PathSegment[]): { found: boolean; value?: unknown } {
  let current: unknown = root;
  for (const segment of segments) {
    if (typeof segment === 'number') {
      if (!Array.isArray(current) || segment >= current.length) return { found: false };
      current = current[segment];
    } else {
      if (current === null || typeof current !== 'object' || Array.isArray(current) || !Object.hasOwn(current, segment)) {
        return { found: false };
      }
      current = (current as Record<string, unknown>)[segment];
    }
  }
  return { found: true, value: current };
}
