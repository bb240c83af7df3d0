import type { ToolCall } from '../types.js';
import { interpretJsonOutput, isObject } from './json-output.js';
import { parseCallArguments } from './recorded-args.js';

// Outputs recorded by hand in a spreadsheet cell. Lines starting with → or -> are tool calls
// (`→ canvas(type: document)`); every other line is the text. JSON is accepted for those who
// paste it from logs. See the README's "Recorded outputs" section for the form PMs are shown.

export interface RecordedOutput {
  text: string;
  toolCalls: ToolCall[];
  /** Things that looked like mistakes (unclosed parenthesis, argument without a name); for `evals validate`. */
  warnings: string[];
}

// \u2192 is →. Regular expressions are written in ASCII: esbuild escapes strings, not them, and one
// non-ASCII character makes Node decode the whole chunk slowly (tests/architecture/start-up-bundle.test.ts).
const ARROW = /^\s*(?:\u2192|->)\s*/;
const NAME = /^[A-Za-z_][\w.-]*/;

/** A `→ …` line as a tool call, or undefined when the line is really text. */
function parseCallLine(line: string): { call: ToolCall; warnings: string[] } | undefined {
  const body = line.replace(ARROW, '').trim();
  const name = NAME.exec(body)?.[0];
  if (!name) return undefined;
  const rest = body.slice(name.length).trim();
  if (rest === '') return { call: { name, arguments: {} }, warnings: [] };
  if (rest.startsWith('(')) {
    const parsed = parseCallArguments(rest, 1, true);
    const trailing = rest.slice(parsed.end).trim();
    const warnings = parsed.warnings.map((w) => `${name}: ${w}`);
    if (trailing) warnings.push(`${name}: ignored ${JSON.stringify(trailing)} after ")"`);
    return { call: { name, arguments: parsed.arguments }, warnings };
  }
  if (rest.startsWith('{')) {
    try {
      const value: unknown = JSON.parse(rest);
      if (isObject(value)) return { call: { name, arguments: value }, warnings: [] };
    } catch {
      // fall through to the warning below
    }
    return { call: { name, arguments: {} }, warnings: [`${name}: arguments ${rest} are not a JSON object`] };
  }
  if (/[:=]/.test(rest.replace(/^:/, ''))) {
    const parsed = parseCallArguments(rest.replace(/^:\s*/, ''), 0, false);
    return { call: { name, arguments: parsed.arguments }, warnings: [`${name}: put the arguments in parentheses: ${name}(…)`, ...parsed.warnings] };
  }
  return undefined;
}

function tryJson(text: string): { text: string; toolCalls: ToolCall[] } | undefined {
  if (!/^[[{]/.test(text)) return undefined;
  try {
    return interpretJsonOutput(JSON.parse(text));
  } catch {
    return undefined;
  }
}

const unclosed = (warnings: string[]): boolean => warnings.some((warning) => warning.includes('missing closing'));

/**
 * A call whose quoted argument runs over several lines of the cell (a rewritten document's
 * `content: "…"`, typed with Alt-Enter): the call through the line where the quote closes. Undefined when
 * the call fits its line, or the quote never closes before the next arrow line (then it is a typo, and
 * the one-line reading warns about it).
 */
function quotedOverLines(lines: string[], first: number): { parsed: ReturnType<typeof parseCallLine>; last: number } | undefined {
  const single = parseCallLine(lines[first]);
  if (!single || !unclosed(single.warnings)) return undefined;
  for (let last = first + 1; last < lines.length && !ARROW.test(lines[last]); last++) {
    const parsed = parseCallLine(lines.slice(first, last + 1).join('\n'));
    if (parsed && !unclosed(parsed.warnings)) return { parsed, last };
  }
  return undefined;
}

/** Read a recorded-output cell into text and tool calls. Never throws: anything unrecognized is text. */
export function parseRecordedOutput(cell: string): RecordedOutput {
  const normalized = cell
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .trim();
  const json = tryJson(normalized);
  if (json) return { ...json, warnings: [] };

  const textLines: string[] = [];
  const toolCalls: ToolCall[] = [];
  const warnings: string[] = [];
  const lines = normalized.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const multiline = ARROW.test(line) ? quotedOverLines(lines, i) : undefined;
    const parsed = multiline?.parsed ?? (ARROW.test(line) ? parseCallLine(line) : undefined);
    if (multiline) i = multiline.last;
    if (parsed) {
      toolCalls.push(parsed.call);
      warnings.push(...parsed.warnings);
    } else {
      if (ARROW.test(line)) warnings.push(`line ${JSON.stringify(line.trim())} starts with an arrow but is not a tool call (→ name(arg: value))`);
      textLines.push(line);
    }
  }
  return { text: textLines.join('\n').trim(), toolCalls, warnings };
}
