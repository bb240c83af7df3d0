// report.md is read as a pull-request comment (GitHub cuts one at 65,536 characters) and in
// $GITHUB_STEP_SUMMARY. A section with a row per system, per rater or per pair of raters would grow
// without bound there (74 raters make 2,701 pairs, one agreement line each), so each shows its first
// rows and says how many more report.html has. report.html shows them all.

export const MAX_SECTION_ROWS = 20;

/**
 * The first `max` items, and the line that says how many were left out (none when nothing was).
 * `total` counts them when `items` holds only the first few of them.
 */
export function firstRows<T>(items: readonly T[], what: string, max: number = MAX_SECTION_ROWS, total = items.length): { shown: T[]; more: string[] } {
  if (total <= max) return { shown: [...items], more: [] };
  return { shown: items.slice(0, max), more: ['', `… ${(total - max).toLocaleString('en-US')} more ${what} (see report.html)`] };
}

/** `ana, ben, cy, … and 71 more`: a list of names that stays one short cell. */
export function fewNames(names: readonly string[], max = 5): string {
  return names.length <= max ? names.join(', ') : `${names.slice(0, max).join(', ')}, … and ${names.length - max} more`;
}
