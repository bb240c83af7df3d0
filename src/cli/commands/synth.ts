import path from 'node:path';
import { RunFailure } from '../../errors.js';
import { EXIT } from '../../exit-codes.js';
import { formatUsd } from '../../format.js';
import { DEFAULT_LANGUAGES } from '../../synth/plan.js';
import { synthesize, type SynthResult } from '../../synth/synthesize.js';
import { paint, type CliIO } from '../io.js';

export interface SynthCommandOptions {
  n: number;
  model: string;
  out?: string;
  seed?: number;
  languages?: string[];
  maxAttempts?: number;
  concurrency?: number;
  temperature?: number;
  cache?: boolean;
  cacheDir?: string;
  maxRetries?: number;
  timeout?: number;
  json?: boolean;
}

function relative(io: CliIO, file: string): string {
  return path.relative(io.cwd, file) || file;
}

function costLine(result: SynthResult): string {
  const { spend } = result;
  const tokens = `${spend.inputTokens} input + ${spend.outputTokens} output tokens`;
  const cost = spend.costUsd === undefined ? (spend.fresh ? 'cost unknown (no price for this model)' : formatUsd(0)) : formatUsd(spend.costUsd);
  const earlier = result.earlierCostUsd ? `; earlier runs of this command ${formatUsd(result.earlierCostUsd)}` : '';
  return `model calls: ${spend.fresh} to the model, ${spend.cached} from the cache; ${tokens}; ${cost}${earlier}`;
}

/**
 * `evals synth <suite>`: new cases proposed by a model, written to a new CSV or workbook tab for a PM
 * to review. Exit 0 when the rows were made (even fewer than asked, which is said), 2 for bad input,
 * 3 when the model could not be reached (what was made is kept; the same command continues).
 */
export async function synthCommand(suite: string, options: SynthCommandOptions, io: CliIO): Promise<number> {
  const out = options.out ?? path.join('datasets', `${path.basename(suite).replace(/\.ya?ml$/i, '')}.synth.csv`);
  const controller = new AbortController();
  const onSigint = () => {
    io.err('\nInterrupted: keeping the rows made so far; run the same command again to continue.');
    process.removeListener('SIGINT', onSigint);
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  let result: SynthResult;
  // The progress line: rows kept of n, and the rate limit requests wait for, when they do.
  let progress = '';
  let pacing = '';
  const draw = () => {
    if (io.interactive && progress) process.stderr.write(`\r\u001b[2K${progress}${pacing}`);
  };
  try {
    result = await synthesize({
      suite,
      n: options.n,
      model: options.model,
      out,
      seed: options.seed ?? 1,
      languages: options.languages?.length ? options.languages : DEFAULT_LANGUAGES,
      maxAttempts: options.maxAttempts ?? 3,
      concurrency: options.concurrency ?? 4,
      temperature: options.temperature ?? 1,
      cacheDir: options.cacheDir,
      cacheRead: options.cache !== false,
      maxRetries: options.maxRetries,
      timeoutMs: options.timeout,
      env: io.env,
      cwd: io.cwd,
      signal: controller.signal,
      onRetry: (attempt, error, delay) => io.err(paint(io, 'dim', `retry ${attempt} in ${Math.round(delay)} ms: ${error.message}`)),
      onProgress: (kept, n) => {
        progress = `synth ${kept}/${n}`;
        draw();
      },
      onPacing: (limit) => {
        pacing = limit ? `  rate limit: ${limit}` : '';
        draw();
      },
    });
  } finally {
    process.removeListener('SIGINT', onSigint);
    if (io.interactive) process.stderr.write('\n');
  }
  const { report, target } = result;
  if (options.json) io.out(JSON.stringify({ out: relative(io, target.absolute) + (target.sheet ? `#${target.sheet}` : ''), resumed: result.resumed, report, failure: result.failure }, null, 2));
  else {
    if (result.resumed) io.out(paint(io, 'dim', `${result.resumed} rows kept from an earlier run of this command (${relative(io, target.progress)})`));
    for (const line of result.lines) if (line !== '') io.out(line);
    io.out('');
    io.out(`${report.produced} new rows in ${relative(io, target.absolute)}${target.sheet ? ` (tab "${target.sheet}")` : ''}, each marked for review in the "review" column`);
    io.out(paint(io, 'dim', `diversity report: ${relative(io, target.reportMarkdown)}; progress: ${relative(io, target.progress)}`));
    io.out(paint(io, 'dim', costLine(result)));
  }
  if (result.failure) {
    throw new RunFailure(
      `the model ${options.model} could not be reached: ${result.failure.message}. The ${report.produced} rows made so far are kept in ${relative(io, target.absolute)}; run the same command again to continue.`,
    );
  }
  if (controller.signal.aborted) return EXIT.interrupted;
  if (report.produced < report.requested) {
    io.out(
      paint(
        io,
        'yellow',
        `only ${report.produced} of ${report.requested} rows: each of the others was dropped ${options.maxAttempts ?? 3} times (see the dropped counts above); run again with a higher --max-attempts to ask again for them`,
      ),
    );
  }
  return EXIT.ok;
}
