import { LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import type { Problem } from '../errors.js';
import { didYouMean } from '../suggest.js';
import { comparisonSchema, gateSchema, suiteSchema, systemSchema } from '../schema/suite-file.js';

// Turns YAML syntax errors and zod issues into Problems with the line they point at, and
// unknown keys into "did you mean" suggestions drawn from the schema's own key list.

export interface ParsedYaml {
  data: unknown;
  problems: Problem[];
  lineOf(path: readonly PropertyKey[]): number | undefined;
}

export function parseYaml(text: string, file: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: true });
  const problems: Problem[] = doc.errors.map((error) => ({
    file,
    row: error.linePos?.[0]?.line,
    message: `YAML: ${error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`,
  }));
  const lineOf = (path: readonly PropertyKey[]): number | undefined => {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth) as unknown[], true);
      const range = (node as { range?: [number, number, number] } | undefined)?.range;
      if (range) return lineCounter.linePos(range[0]).line;
    }
    return undefined;
  };
  return { data: problems.length ? undefined : doc.toJS(), problems, lineOf };
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
    const where = path.length ? `"${formatPath(path)}" ` : '';
    // zod 4 leaves `input` out of issues: "received undefined" is how a missing key shows.
    const missing = issue.code === 'invalid_type' && /received undefined$/.test(issue.message);
    const message = missing ? `${where}is required` : `${where}${issue.message.replace(/^Invalid input: /, '')}`;
    problems.push({ file, row: yaml.lineOf(path), message });
  }
  return problems;
}
