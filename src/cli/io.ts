import { redactText } from '../secrets/redact.js';
import { terminalSafe } from './terminal-safe.js';

// Where the CLI writes. Results go to stdout, progress and diagnostics to stderr, so
// `evals run x --json > out.json` stays machine-readable.

export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  /** True when stderr is a terminal: draw the live progress line. */
  interactive: boolean;
  colour: boolean;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** How wide stdout is, to fit tables and wrap text to; absent (a pipe, a file): as wide as the content. */
  columns?: number;
}

/**
 * The width to fit: COLUMNS when set (as `ls` and other terminal tools read it, so a script or a
 * test can choose), else the terminal's when stdout is one. A pipe or a file gets no width: its
 * reader, not a window, decides how lines show, so tables are printed whole as before.
 */
export function terminalColumns(env: NodeJS.ProcessEnv, stdout: { isTTY?: boolean; columns?: number }): number | undefined {
  const fromEnv = Number(env.COLUMNS);
  if (Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv;
  return stdout.isTTY && stdout.columns ? stdout.columns : undefined;
}

function lineOf(text: string): string {
  return text.endsWith('\n') ? text : text + '\n';
}

export function processIO(): CliIO {
  // `evals ... | head` closes the pipe early: that is the reader's choice, not an error to report.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
    });
  }
  const interactive = Boolean(process.stderr.isTTY) && !process.env.CI;
  const io: CliIO = {
    // Everything printed may hold data (ids, outputs, reasons) and secrets: the terminal and CI logs are
    // written files too. Redacted first, then made inert (terminal-safe.ts).
    out: (text) => process.stdout.write(lineOf(terminalSafe(redactText(text), io.colour))),
    err: (text) => process.stderr.write(lineOf(terminalSafe(redactText(text), io.colour))),
    interactive,
    colour: interactive && !process.env.NO_COLOR,
    cwd: process.cwd(),
    env: process.env,
    columns: terminalColumns(process.env, process.stdout),
  };
  return io;
}

/** ANSI colour when allowed; plain text otherwise (CI logs, pipes, NO_COLOR). */
export function paint(io: CliIO, colour: 'red' | 'green' | 'yellow' | 'dim' | 'bold', text: string): string {
  if (!io.colour) return text;
  const codes = { red: 31, green: 32, yellow: 33, dim: 2, bold: 1 } as const;
  return `\u001b[${codes[colour]}m${text}\u001b[0m`;
}
