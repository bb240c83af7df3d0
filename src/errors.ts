// Typed errors that the CLI maps to exit codes. Nothing below cli/ exits or prints.

/** One problem in a user's file, located as precisely as we can: file, row and column. */
export interface Problem {
  file: string;
  /** Spreadsheet row (header = 1) or YAML/JSONL line. */
  row?: number;
  /** Character on the line (1-based), for YAML syntax mistakes: `suites/x.yaml:4:3`, as editors link it. */
  character?: number;
  /** Column name as in the header, or a YAML path like `systems.prompted.provider`. */
  column?: string;
  /** XLSX cell reference as the spreadsheet shows it, e.g. `canvas-trigger!C14`. */
  cell?: string;
  message: string;
}

/** `datasets/canvas-trigger.csv:14: column "should_trigger": "yess" is not yes/no` */
export function formatProblem(problem: Problem): string {
  const line = problem.character === undefined ? `${problem.row}` : `${problem.row}:${problem.character}`;
  const parts = [problem.row !== undefined && !problem.cell ? `${problem.file}:${line}` : problem.file];
  if (problem.cell) parts.push(problem.cell);
  if (problem.column) parts.push(`column "${problem.column}"`);
  parts.push(problem.message);
  return parts.filter(Boolean).join(': ');
}

/** Bad usage, config or dataset: exit 2. Carries every problem found, not just the first. */
export class ConfigurationError extends Error {
  readonly problems: Problem[];
  constructor(problems: Problem[] | string) {
    const list = typeof problems === 'string' ? [{ file: '', message: problems }] : problems;
    super(list.map((p) => (p.file ? formatProblem(p) : p.message)).join('\n'));
    this.name = 'ConfigurationError';
    this.problems = list;
  }
}

/** The run could not be completed (provider down, too many errors, missing keys under --ci): exit 3. */
export class RunFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RunFailure';
  }
}
