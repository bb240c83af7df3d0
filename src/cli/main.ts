import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { COMMANDS } from './command-table.js';
import { ConfigurationError, RunFailure } from '../errors.js';
import { loadEnvFile } from './env-file.js';
import { keyVariables } from '../providers/registry.js';
import { rememberSecretsFrom } from '../secrets/redact.js';
import { fileSystemProblem } from '../store/fs-problem.js';
import { EXIT } from '../exit-codes.js';

export { EXIT };
import { processIO, type CliIO } from './io.js';

// The CLI is thin: parse arguments, call the library, map errors to exit codes.
// Command modules are imported lazily so `evals --version` does not load the model SDKs.

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

function buildProgram(io: CliIO, setExit: (code: number) => void, argv: string[]): Command {
  const program = new Command('evals')
    .description('Evaluate AI product behaviours from spreadsheet cases: checks, win rates, regression gates.')
    .version(version(), '-v, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) });

  // A command's options are hundreds of commander objects: `evals run …` builds its own command alone
  // (~4% of the start-up to its first request), `evals --version` none. Anything else (help, a mistyped
  // command, which commander answers with the names it knows) gets them all.
  const named = argv[2];
  const registered = named === '--version' || named === '-v' ? [] : named !== undefined && Object.hasOwn(COMMANDS, named) ? [named] : Object.keys(COMMANDS);
  for (const name of registered) COMMANDS[name](program, io, setExit);
  return program;
}

/** Parse argv, run the command, and return the exit code. Never throws for user errors. */
export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  loadEnvFile(io.cwd, io.env);
  // The providers' keys are secrets even where no suite names them (a command printing its environment).
  rememberSecretsFrom(io.env, keyVariables());
  let code: number = EXIT.ok;
  const program = buildProgram(io, (c) => (code = c), argv);
  try {
    await program.parseAsync(argv);
    return code;
  } catch (error) {
    return exitCodeFor(error, io);
  }
}

function exitCodeFor(error: unknown, io: CliIO): number {
  if (error instanceof CommanderError) {
    // --help and --version "fail" with exit code 0; usage errors were already printed.
    return error.exitCode === 0 ? EXIT.ok : EXIT.badInput;
  }
  if (error instanceof ConfigurationError) {
    io.err(error.message);
    const n = error.problems.length;
    if (n > 1) io.err(`${n} problems.`);
    return EXIT.badInput;
  }
  if (error instanceof RunFailure) {
    io.err(`evals: ${error.message}`);
    return EXIT.runFailed;
  }
  // A reports folder that cannot be written: the run could not be completed, said in plain words.
  const problem = fileSystemProblem(error, io.cwd);
  if (problem) {
    io.err(`evals: ${problem}`);
    return EXIT.runFailed;
  }
  throw error;
}
