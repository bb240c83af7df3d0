import { createTwoFilesPatch } from 'diff';

/**
 * The applied edit as a unified diff (3 lines of context), for the reports. Empty when nothing
 * changed. The `Index:`/`===` preamble the library writes says nothing a reader needs.
 */
export function unifiedDiff(before: string, after: string): string {
  if (before === after) return '';
  // Cells are read trimmed, so a document seldom ends with a newline: say so only when the edit changed that.
  const same = before.endsWith('\n') === after.endsWith('\n') && !before.endsWith('\n');
  const patch = createTwoFilesPatch('document', 'edited', same ? `${before}\n` : before, same ? `${after}\n` : after, '', '', { context: 3 });
  return patch.replace(/^(?:Index:.*\n)?={5,}\n/, '').trimEnd();
}
