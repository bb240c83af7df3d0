// The argument list of a hand-written tool call: `title: "Call mom", time: 19:00, date: 2026-11-27`.
// PMs type these in spreadsheets, so the grammar forgives: bare text runs to the next comma (so
// `time: 19:00` is "19:00"), quotes may be straight or curly, `=` works like `:`, and a missing
// closing parenthesis is a warning, not a failure.

const CLOSERS: Record<string, string[]> = { '"': ['"', '”'], '“': ['”', '"'], "'": ["'", '’'], '‘': ['’', "'"] };
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

export interface ParsedArguments {
  arguments: Record<string, unknown>;
  /** Index just past the closing `)` (or the end of the text). */
  end: number;
  warnings: string[];
}

/** A bare word as a JSON scalar when it is one: numbers, true/false/null; otherwise the text itself. */
function scalar(text: string): unknown {
  if (NUMBER.test(text)) return Number(text);
  if (text === 'true' || text === 'false') return text === 'true';
  if (text === 'null') return null;
  return text;
}

/** Index just past a balanced `{…}` / `[…]` starting at `start`, skipping over JSON strings. */
function balancedEnd(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return text.length;
}

/** Read one value from `i`; returns it and the index after it (before the next `,` or `)`). */
function readValue(text: string, start: number, closing: boolean, warnings: string[], key: string): [unknown, number] {
  let i = start;
  while (text[i] === ' ' || text[i] === '\t') i++;
  const c = text[i];
  if (c !== undefined && CLOSERS[c]) {
    let value = '';
    for (i++; i < text.length && !CLOSERS[c].includes(text[i]); i++) {
      if (text[i] === '\\' && i + 1 < text.length) i++;
      value += text[i];
    }
    if (i >= text.length) warnings.push(`argument "${key}": missing closing quote`);
    return [value, i + 1];
  }
  if (c === '{' || c === '[') {
    const end = balancedEnd(text, i);
    const raw = text.slice(i, end);
    try {
      return [JSON.parse(raw), end];
    } catch {
      warnings.push(`argument "${key}": ${raw} is not valid JSON, kept as text`);
      return [raw, end];
    }
  }
  let depth = 0;
  let j = i;
  for (; j < text.length; j++) {
    if (text[j] === ',' && depth === 0) break;
    if (text[j] === '(') depth++;
    if (text[j] === ')') {
      if (depth === 0 && closing) break;
      depth--;
    }
  }
  return [scalar(text.slice(i, j).trim()), j];
}

/**
 * Parse `key: value, …` from `start` up to a closing `)` (when `closing`) or the end of the text.
 * Use for the inside of `→ name(…)`; the caller decides what the text before it means.
 */
export function parseCallArguments(text: string, start: number, closing: boolean): ParsedArguments {
  const args: Record<string, unknown> = {};
  const warnings: string[] = [];
  let i = start;
  for (;;) {
    while (i < text.length && /[\s,]/.test(text[i])) i++;
    if (i >= text.length) {
      if (closing) warnings.push('missing closing ")"');
      return { arguments: args, end: i, warnings };
    }
    if (closing && text[i] === ')') return { arguments: args, end: i + 1, warnings };
    // \u201C and \u201D are “ and ” (typographic quotes), in ASCII: see ARROW in recorded-output.ts.
    const keyMatch = /^["\u201C]?([^:=,()"\u201C\u201D]+?)["\u201D]?\s*[:=]/.exec(text.slice(i));
    if (!keyMatch) {
      const [value, next] = readValue(text, i, closing, warnings, '?');
      warnings.push(`argument ${JSON.stringify(value)} has no name (write name: value)`);
      i = next;
      continue;
    }
    const key = keyMatch[1].trim();
    const [value, next] = readValue(text, i + keyMatch[0].length, closing, warnings, key);
    if (key in args) warnings.push(`argument "${key}" is given twice; the last one wins`);
    args[key] = value;
    i = next;
    while (text[i] === ' ' || text[i] === '\t') i++;
    if (i < text.length && text[i] !== ',' && !(closing && text[i] === ')')) {
      const junkEnd = text.indexOf(',', i) === -1 ? text.length : text.indexOf(',', i);
      warnings.push(`argument "${key}": ignored ${JSON.stringify(text.slice(i, junkEnd).trim())} after the value`);
      i = junkEnd;
    }
  }
}
