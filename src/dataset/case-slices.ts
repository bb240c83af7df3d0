import type { Case } from '../types.js';

// Which slices a case is in, for `slice_by:`. One place, so the loader (which checks the gate's
// slice names before any model call) and the assessment (which counts per slice) agree.

/** The slice_by name that reads a case's tags rather than a column. */
export const TAGS_SLICE = 'tags';

/** A case whose cell (or tag list) is empty is in this slice: counted, never dropped. */
const BLANK_SLICE = '(blank)';

/** The values of one slice_by name a case belongs to: its tags (any number), or its one column value. */
export function sliceValuesOf(kase: Pick<Case, 'tags' | 'columns'>, name: string): string[] {
  if (name === TAGS_SLICE) return kase.tags.length ? [...new Set(kase.tags)] : [BLANK_SLICE];
  const value = (kase.columns[name] ?? '').trim();
  return [value === '' ? BLANK_SLICE : value];
}

/** `turns=multi`: a slice's full name, unambiguous across slice_by names. */
export function sliceKey(name: string, value: string): string {
  return `${name}=${value}`;
}

/** Every slice (`name=value`) the cases fall in, per slice_by name, in first-seen order. */
export function slicesOfCases(cases: Iterable<Pick<Case, 'tags' | 'columns'>>, names: readonly string[]): Map<string, Set<string>> {
  const slices = new Map<string, Set<string>>(names.map((name) => [name, new Set<string>()]));
  for (const kase of cases) for (const name of names) for (const value of sliceValuesOf(kase, name)) slices.get(name)!.add(value);
  return slices;
}

/**
 * The slice a gate key names: `name=value` as written, or a bare `value` when exactly one slice_by
 * name has it. Otherwise why not (unknown, or ambiguous and which full names to write instead).
 */
export function resolveSliceKey(key: string, slices: Map<string, Set<string>>): { key: string } | { problem: string; known: string[] } {
  const known = [...slices].flatMap(([name, values]) => [...values].map((value) => sliceKey(name, value)));
  const at = key.indexOf('=');
  if (at > 0 && slices.get(key.slice(0, at))?.has(key.slice(at + 1))) return { key };
  const matches = [...slices].filter(([, values]) => values.has(key)).map(([name]) => sliceKey(name, key));
  if (matches.length === 1) return { key: matches[0] };
  if (matches.length > 1) return { problem: `"${key}" is a slice of more than one slice_by name: write ${matches.map((m) => `"${m}"`).join(' or ')}`, known };
  return { problem: `no slice named "${key}"`, known };
}
