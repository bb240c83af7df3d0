/**
 * The applied edit as a unified diff (3 lines of context), for the reports. Empty when nothing
 * changed. The `Index:`/`===` preamble the library writes says nothing a reader needs.
 *
 * `diff` is imported on first use: only the edit checks need it, and in the chunk `evals run`
 * compiles before its first request it was 12 KB that no suite without an edit check runs.
 */
export async function unifiedDiff(before: string, after: string): Promise<string> {
  if (before === after) return '';
  const { createTwoFilesPatch } = await import('diff');
  // Cells are read trimmed, so a document seldom ends with a newline: say so only when the edit changed that.
  const same = before.endsWith('\n') === after.endsWith('\n') && !before.endsWith('\n');
  const patch = createTwoFilesPatch('document', 'edited', same ? `${before}\n` : before, same ? `${after}\n` : after, '', '', { context: 3 });
  return patch.replace(/^(?:Index:.*\n)?={5,}\n/, '').trimEnd();
}
