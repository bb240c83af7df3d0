import { createTwoFilesPatch } from 'diff';

/**
 * The applied edit as a unified diff (3 lines of context), for the reports. Empty when nothing
 * changed. The `Index:`/`===` preamble the library writes says nothing a reader needs.
 */
export function unifiedDiff(before: string, after: string): string {
  if (before === after) return '';
  const patch = createTwoFilesPatch('document', 'edited', before, after, '', '', { context: 3 });
  return patch.replace(/^(?:Index:.*\n)?={5,}\n/, '').trimEnd();
}
