import { isMap, visit, type Document, type LineCounter, type YAMLError } from 'yaml';

// The YAML parser's messages are written for people who know the spec ("A block sequence may not be
// used as an implicit map key"). Suite files are edited by PMs too: say what is wrong in plain words,
// and give the usual mistakes (a list under gate:, a tab, an unquoted {{column}}) a message of their own.

/** A mistake at a place in the file: 1-based line and character, as editors number them. */
export interface YamlMistake {
  line: number;
  character: number;
  message: string;
}

/**
 * Keys whose value is a list in a suite file; any other key with a "- " item under it wants a mapping.
 * `systems` is a list only inside `gate:`; at the top it maps names to systems.
 */
function isListKey(key: string, indent: number): boolean {
  return ['checks', 'compare', 'labels', 'stop'].includes(key) || (key === 'systems' && indent > 0);
}

const TEMPLATE = /(?<!["'])\{\{\s*[^{}]*?\s*\}\}(?!["'])/g;

function indentOf(line: string): number {
  return /^[ \t]*/.exec(line)?.[0].length ?? 0;
}

/** The `key:` a line sits under (the nearest line above with less indentation) and its indentation. */
function parentKey(lines: string[], index: number): { key: string; indent: number } | undefined {
  const indent = indentOf(lines[index]);
  for (let i = index - 1; i >= 0; i--) {
    const text = lines[i];
    if (text.trim() === '' || text.trim().startsWith('#') || indentOf(text) >= indent) continue;
    const key = /^\s*(?:-\s+)?([\w.-]+)\s*:/.exec(text)?.[1];
    return key === undefined ? undefined : { key, indent: indentOf(text) };
  }
  return undefined;
}

/** The message for a mapping (`gate`, a system) given as a list: the first item's text shows which "- " to remove. */
export function listForMapping(key: string, item: string): string {
  const example = item.trim().replace(/^-\s*/, '');
  return `${key} is a mapping (key: value lines), not a list: remove the "- " in front of ${JSON.stringify(example)}`;
}

/** A `- item` line where YAML wanted `key: value` (or the item is on the key's own line). */
function misplacedListItem(lines: string[], index: number, sameLineKey?: string): string {
  const text = lines[index];
  const item = sameLineKey ? text.slice(text.indexOf('-')) : text;
  const parent = sameLineKey === undefined ? parentKey(lines, index) : { key: sameLineKey, indent: indentOf(text) };
  if (parent && !isListKey(parent.key, parent.indent)) return listForMapping(parent.key, item);
  const under = parent ? ` under ${parent.key}` : '';
  return `the list item ${JSON.stringify(item.trim())} is not lined up with the lines above it${under}: start every item of a list in the same column, one "- " per item`;
}

/** One parser error in plain words. `lines` is the file's text split into lines. */
function plainWords(error: YAMLError, lines: string[]): string {
  const line = error.linePos?.[0]?.line ?? 1;
  const text = lines[line - 1] ?? '';
  const parserSays = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  switch (error.code) {
    case 'TAB_AS_INDENT':
      return 'a tab is used to indent this line, and YAML only accepts spaces: replace the tab with spaces (2 per level, lined up with the lines around it)';
    case 'DUPLICATE_KEY': {
      const key = /^\s*(?:-\s+)?([^:#]+?)\s*:/.exec(text)?.[1];
      return `${key ? `"${key}"` : 'this key'} is given twice at the same level: keep one`;
    }
    case 'BLOCK_AS_IMPLICIT_KEY':
      if (/^\s*-(\s|$)/.test(text)) return misplacedListItem(lines, line - 1);
      return 'a second ": " on this line makes YAML read the value as a mapping: put the value in quotes, e.g. description: "Setup: the first run"';
    case 'UNEXPECTED_TOKEN': {
      const sameLine = /^\s*([\w.-]+)\s*:\s+-\s/.exec(text);
      if (sameLine) return misplacedListItem(lines, line - 1, sameLine[1]);
      break;
    }
    case 'BAD_INDENT':
      if (/end with a \}/.test(parserSays)) return 'a "{" is not closed with "}" on the same line';
      if (/end with a \]/.test(parserSays)) return 'a "[" is not closed with "]" on the same line';
      return 'this line is not indented like the lines around it: keys at the same level start in the same column';
    case 'MISSING_CHAR':
      if (/quote/i.test(parserSays)) return 'a quote is opened and never closed';
      break;
    case 'MULTIPLE_DOCS':
      return 'a line "---" starts a second document: a suite file holds one; remove it';
  }
  return `this is not valid YAML (the parser says: ${parserSays.charAt(0).toLowerCase()}${parserSays.slice(1)})`;
}

/**
 * The parser's errors as mistakes a PM can act on, one per line (the parser often reports a
 * mistake three ways on the same line; the first is the cause).
 */
export function syntaxMistakes(errors: readonly YAMLError[], text: string): YamlMistake[] {
  const lines = text.split(/\r?\n/);
  const seen = new Set<number>();
  const mistakes: YamlMistake[] = [];
  // A tab shifts every line after it out of line: the tabs are the mistakes, the rest follows from them.
  const tabs = errors.filter((error) => error.code === 'TAB_AS_INDENT');
  for (const error of tabs.length > 0 ? tabs : errors) {
    const line = error.linePos?.[0]?.line ?? 1;
    if (seen.has(line)) continue;
    seen.add(line);
    mistakes.push({ line, character: error.linePos?.[0]?.col ?? 1, message: plainWords(error, lines) });
  }
  return mistakes;
}

/**
 * `prompt: {{input}}` is valid YAML, so the parser says nothing: it reads `{` as the start of a mapping
 * and the value becomes `{ {input}: null }`. That shape (a mapping used as a key) only comes from this
 * mistake, so find it before the document is turned into data.
 */
export function unquotedTemplates(doc: Document, lineCounter: LineCounter, text: string): YamlMistake[] {
  const lines = text.split(/\r?\n/);
  const mistakes: YamlMistake[] = [];
  const seen = new Set<number>();
  visit(doc, {
    Pair(_, pair) {
      if (!isMap(pair.key) || !pair.key.range) return;
      const { line } = lineCounter.linePos(pair.key.range[0]);
      if (seen.has(line)) return;
      seen.add(line);
      const source = lines[line - 1] ?? '';
      const template = source.match(TEMPLATE)?.[0] ?? '{{column}}';
      const fixed = source.trim().replace(TEMPLATE, (found) => `"${found}"`);
      mistakes.push({
        line,
        character: source.indexOf(template) + 1 || 1,
        message: `${template} must be in quotes: without them YAML reads "{" as the start of a mapping. Write the line as: ${fixed}`,
      });
    },
  });
  return mistakes;
}

/**
 * `toJS` stops expanding aliases (`*name`) past the `yaml` package's limit (maxAliasCount, 100 by
 * default) and throws this: a few lines of nested aliases ("billion laughs") would otherwise expand to
 * billions of values. Refused as the suite's mistake (exit 2), not as an internal error.
 */
export function isAliasFlood(error: unknown): boolean {
  return error instanceof ReferenceError && /alias count/i.test(error.message);
}

/** What is said about such a file, at the line of its first alias. */
export function aliasFloodMessage(): string {
  return 'this file uses aliases (*name) that expand to too many values: a suite file needs few or none; write the values out instead of nesting aliases';
}
