import type { ResultRecord } from '../types.js';

// The edit checks record the edit they applied as a unified diff (CheckResult.diff). Every renderer
// shows it the same way: once per result (the checks of one output share the edit), cut to a length
// a reader scrolls through, saying how much was cut.

const MAX_DIFF_LINES = 60;

/** The diff of a result's edit: the first check that recorded one. */
export function recordDiff(record: ResultRecord | undefined): string | undefined {
  return record?.checks.find((check) => typeof check.diff === 'string' && check.diff !== '')?.diff;
}

/** The diff's lines, at most `max`, then a line saying how many more there were. */
export function diffLines(diff: string, max = MAX_DIFF_LINES): string[] {
  const lines = diff.split('\n');
  if (lines.length <= max) return lines;
  return [...lines.slice(0, max), `… ${lines.length - max} more lines`];
}
