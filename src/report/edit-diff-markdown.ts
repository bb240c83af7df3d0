import { showControls } from '../text/visible-controls.js';
import { diffLines } from './edit-diff-view.js';
import { markdownInline } from './markdown-escape.js';

/** A PR comment is capped: show the first few edits; report.html has them all. */
const MAX_DIFFS = 10;

export interface CaseDiff {
  caseId: string;
  system: string;
  diff: string;
}

/** A fenced `diff` block no backtick run in the text can close (GitHub colours its + and - lines). */
function fenced(lines: string[]): string[] {
  const text = lines.map((line) => showControls(line, (label) => `[${label}]`));
  const longest = Math.max(2, ...text.flatMap((line) => line.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return [`${fence}diff`, ...text, fence];
}

/** report.md's "Edits" section: the applied edit of each failing case, as the edit checks recorded it. */
export function editDiffsMarkdown(diffs: CaseDiff[]): string[] {
  if (diffs.length === 0) return [];
  const lines = ['', '### Edits in failing cases', ''];
  for (const { caseId, system, diff } of diffs.slice(0, MAX_DIFFS)) {
    lines.push(`${markdownInline(caseId)} · ${markdownInline(system)}`, '', ...fenced(diffLines(diff)), '');
  }
  if (diffs.length > MAX_DIFFS) lines.push(`… ${diffs.length - MAX_DIFFS} more edits (see report.html)`, '');
  return lines.slice(0, -1);
}
