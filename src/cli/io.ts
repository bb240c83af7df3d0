import { redactText } from '../secrets/redact.js';

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
  return {
    // Everything the CLI prints passes the redactor: the terminal and CI logs are written files too.
    out: (text) => process.stdout.write(lineOf(redactText(text))),
    err: (text) => process.stderr.write(lineOf(redactText(text))),
    interactive,
    colour: interactive && !process.env.NO_COLOR,
    cwd: process.cwd(),
    env: process.env,
  };
}

/** ANSI colour when allowed; plain text otherwise (CI logs, pipes, NO_COLOR). */
export function paint(io: CliIO, colour: 'red' | 'green' | 'yellow' | 'dim' | 'bold', text: string): string {
  if (!io.colour) return text;
  const codes = { red: 31, green: 32, yellow: 33, dim: 2, bold: 1 } as const;
  return `\u001b[${codes[colour]}m${text}\u001b[0m`;
}
