import path from 'node:path';
import { ConfigurationError, formatProblem } from '../../errors.js';
import { lintSuite, type Finding } from '../../validate/index.js';
import { listSuites, loadSuite, resolveSuitePath } from '../../suite/load.js';
import { EXIT } from '../../exit-codes.js';
import { paint, type CliIO } from '../io.js';
import { evalsCommand } from '../../invoked-as.js';
import { tightenHeapGrowth } from '../../heap.js';

export interface ValidateOptions {
  all?: boolean;
  /** Print one JSON document on stdout instead of lines. */
  json?: boolean;
}

/** What `validate` found in one suite: the loader's problems as errors, then the lint's findings. */
interface SuiteValidation {
  /** The suite file as written or found (`suites/canvas-trigger.yaml`). */
  file: string;
  /** Whether the suite loaded; when not, the lint checks did not run. */
  loaded: boolean;
  cases?: number;
  findings: Finding[];
  errors: number;
  warnings: number;
}

/** Load and lint one suite, turning every ConfigurationError problem into an error finding. */
async function validateSuite(nameOrPath: string, cwd: string): Promise<SuiteValidation> {
  let findings: Finding[];
  const absolute = resolveSuitePath(nameOrPath, cwd);
  const file = path.relative(cwd, absolute) || absolute;
  let cases: number | undefined;
  try {
    const suite = await loadSuite(nameOrPath, cwd);
    cases = suite.dataset.cases.length;
    findings = await lintSuite(suite);
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    findings = error.problems.map((problem) => ({ ...problem, severity: 'error' as const }));
  }
  const count = (severity: Finding['severity']) => findings.filter((f) => f.severity === severity).length;
  return { file, loaded: cases !== undefined, cases, findings, errors: count('error'), warnings: count('warning') };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function printSuite(result: SuiteValidation, io: CliIO): void {
  const colour = { error: 'red', warning: 'yellow', info: 'dim' } as const;
  for (const finding of result.findings) {
    const text = finding.file ? formatProblem(finding) : finding.message;
    io.out(`  ${paint(io, colour[finding.severity], `${finding.severity}:`)} ${text}`);
  }
  const counts = `${plural(result.warnings, 'warning')}, ${plural(result.errors, 'error')}`;
  const verdict = result.loaded
    ? `${result.file}: ${plural(result.cases ?? 0, 'case')}, ${counts}`
    : `${result.file}: ${counts}; fix these first: labels, duplicates and ideals are checked once the suite loads`;
  io.out(paint(io, result.errors ? 'red' : 'green', verdict));
}

/**
 * `evals validate`: every named suite (or all), loaded and linted without calling any model. Every
 * problem of every suite is printed once with its location, then a verdict per suite. Exit 2 when
 * any error was found (a loader problem or an error finding); warnings alone exit 0.
 */
export async function validateCommand(names: string[], options: ValidateOptions, io: CliIO): Promise<number> {
  // Every check is a pass over the rows that leaves them as garbage: collected sooner, a million stay under 250 MB.
  tightenHeapGrowth();
  const files = options.all ? await listSuites(io.cwd) : names;
  if (files.length === 0) {
    const evals = evalsCommand(io.env);
    throw new ConfigurationError(options.all ? `no suites found in suites/ (create one with \`${evals} init <name>\`)` : `name a suite (e.g. \`${evals} validate canvas-trigger\`) or use --all`);
  }
  const results: SuiteValidation[] = [];
  for (const file of files) results.push(await validateSuite(file, io.cwd));
  const errors = results.reduce((sum, r) => sum + r.errors, 0);
  if (options.json) {
    io.out(JSON.stringify({ ok: errors === 0, suites: results }, null, 2));
  } else {
    results.forEach((result, index) => {
      if (index > 0) io.out('');
      printSuite(result, io);
    });
    if (results.length > 1) {
      const warnings = results.reduce((sum, r) => sum + r.warnings, 0);
      io.out('');
      io.out(`${plural(results.length, 'suite')}: ${plural(warnings, 'warning')}, ${plural(errors, 'error')}`);
    }
  }
  return errors > 0 ? EXIT.badInput : EXIT.ok;
}
