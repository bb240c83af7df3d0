import { LineCounter, parseDocument, visit, type Document } from 'yaml';
import type * as z from 'zod';
import type { Problem } from '../errors.js';
import { didYouMean } from '../suggest.js';
import { comparisonSchema, gateSchema, suiteSchema, systemSchema } from '../schema/suite-file.js';
import { aliasFloodMessage, isAliasFlood, listForMapping, syntaxMistakes, unquotedTemplates } from './yaml-mistakes.js';

// Turns YAML syntax errors and zod issues into Problems with the line they point at, and
// unknown keys into "did you mean" suggestions drawn from the schema's own key list.

export interface ParsedYaml {
  data: unknown;
  problems: Problem[];
  lineOf(path: readonly PropertyKey[]): number | undefined;
  /** The text of a 1-based line of the file. */
  lineText(line: number): string;
}

export function parseYaml(text: string, file: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: true });
  // Unquoted {{column}} parses, so it is looked for only in a file without syntax errors; and before
  // toJS, which would print a warning of its own about the mapping used as a key.
  const mistakes = doc.errors.length ? syntaxMistakes(doc.errors, text) : unquotedTemplates(doc, lineCounter, text);
  const problems: Problem[] = mistakes.map((mistake) => ({ file, row: mistake.line, character: mistake.character, message: mistake.message }));
  const lineOf = (path: readonly PropertyKey[]): number | undefined => {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth) as unknown[], true);
      const range = (node as { range?: [number, number, number] } | undefined)?.range;
      if (range) return lineCounter.linePos(range[0]).line;
    }
    return undefined;
  };
  const lines = text.split(/\r?\n/);
  return { data: problems.length ? undefined : toData(doc, lineCounter, file, problems), problems, lineOf, lineText: (line) => lines[line - 1] ?? '' };
}

/** The document as plain data, or undefined with a problem for a file whose aliases would expand without end. */
function toData(doc: Document, lineCounter: LineCounter, file: string, problems: Problem[]): unknown {
  try {
    return doc.toJS();
  } catch (error) {
    if (!isAliasFlood(error)) throw error;
    let first: number | undefined;
    visit(doc, {
      Alias(_, node) {
        if (node.range) first = lineCounter.linePos(node.range[0]).line;
        return visit.BREAK;
      },
    });
    problems.push({ file, ...(first === undefined ? {} : { row: first }), message: aliasFloodMessage() });
    return undefined;
  }
}

/** Which keys are allowed at a path in the suite file, for "did you mean". */
function knownKeys(path: readonly PropertyKey[]): string[] {
  const [head] = path;
  if (path.length === 0) return Object.keys(suiteSchema.shape);
  if (head === 'systems' && path.length === 2) return Object.keys(systemSchema.shape);
  if (head === 'compare' && path.length === 2) return Object.keys(comparisonSchema.shape);
  if (head === 'gate' && path.length === 1) return Object.keys(gateSchema.shape);
  return [];
}

export function formatPath(path: readonly PropertyKey[]): string {
  return path.map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`)).join('');
}

export function zodProblems(error: z.ZodError, file: string, yaml: ParsedYaml): Problem[] {
  const problems: Problem[] = [];
  for (const issue of error.issues) {
    const path = issue.path;
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        problems.push({
          file,
          row: yaml.lineOf([...path, key]),
          message: `unknown key "${formatPath([...path, key])}"${didYouMean(key, knownKeys(path))}`,
        });
      }
      continue;
    }
    if (issue.code === 'invalid_type' && issue.expected === 'object' && /received array$/.test(issue.message) && path.length > 0) {
      // `gate:` followed by `- min_pass_rate: 0.9`: valid YAML, but a list where the suite wants key: value lines.
      const row = yaml.lineOf([...path, 0]) ?? yaml.lineOf(path);
      const item = row === undefined ? '' : yaml.lineText(row);
      const dash = item.indexOf('-');
      problems.push({ file, row, ...(dash >= 0 ? { character: dash + 1 } : {}), message: listForMapping(formatPath(path), item) });
      continue;
    }
    const where = path.length ? `"${formatPath(path)}" ` : '';
    // zod 4 leaves `input` out of issues: "received undefined" is how a missing key shows.
    const missing = issue.code === 'invalid_type' && /received undefined$/.test(issue.message);
    const message = missing ? `${where}is required` : `${where}${issue.message.replace(/^Invalid input: /, '')}`;
    problems.push({ file, row: yaml.lineOf(path), message });
  }
  return problems;
}
