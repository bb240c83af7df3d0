import type { ResultRecord } from '../types.js';
import { diffLines, recordDiff } from './edit-diff-view.js';
import { escapeHtmlText } from './html-escape.js';

function lineClass(line: string): string {
  if (line.startsWith('@@')) return 'hunk';
  if (line.startsWith('+') && !line.startsWith('+++')) return 'add';
  if (line.startsWith('-') && !line.startsWith('---')) return 'del';
  return '';
}

/** The edit a result made, as a coloured unified diff under its output; empty when it made none. */
export function renderDiff(record: ResultRecord): string {
  const diff = recordDiff(record);
  if (!diff) return '';
  const lines = diffLines(diff).map((line) => {
    const text = escapeHtmlText(line);
    const kind = lineClass(line);
    return kind ? `<span class="${kind}">${text}</span>` : text;
  });
  return `<details class="edit" open><summary>the edit (diff of the document)</summary><pre class="diff">${lines.join('\n')}</pre></details>`;
}
