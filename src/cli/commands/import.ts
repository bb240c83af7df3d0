import path from 'node:path';
import { ConfigurationError } from '../../errors.js';
import { EXIT } from '../../exit-codes.js';
import { importLog, type ImportSummary } from '../../import/import-log.js';
import { IMPORT_FORMATS, type ImportFormat } from '../../import/types.js';
import { didYouMean } from '../../suggest.js';
import { say } from '../fit-output.js';
import { paint, type CliIO } from '../io.js';

export interface ImportCommandOptions {
  to: string;
  format?: string;
  sample?: number;
  stratifyBy?: string;
  seed?: number;
  scrubRules?: string;
  out?: string;
  json?: boolean;
}

const SHOWN_DUPLICATES = 20;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function printSummary(summary: ImportSummary, options: ImportCommandOptions, io: CliIO): void {
  const shown = (file: string) => path.relative(io.cwd, file) || file;
  say(
    io,
    paint(
      io,
      'bold',
      `${summary.suite}: ${summary.written} candidate ${summary.written === 1 ? 'case' : 'cases'} written to ${shown(summary.file)} (review them, then copy the ones you keep into the sheet)`,
    ),
  );
  say(io, `  read ${plural(summary.read, 'conversation')} (${summary.format} format)`);
  const how = options.stratifyBy ? `, stratified by ${options.stratifyBy}, seed ${options.seed ?? 1}` : options.sample !== undefined ? `, seed ${options.seed ?? 1}` : '';
  say(io, `  sampled ${summary.sampled}${options.sample === undefined ? ' (all; --sample n takes fewer)' : how}`);
  const rules = Object.entries(summary.scrubbed.byRule)
    .map(([rule, n]) => `${rule} ${n}`)
    .join(', ');
  say(
    io,
    `  scrubbed ${plural(summary.scrubbed.values, 'value')} in ${plural(summary.scrubbed.conversations, 'conversation')}${rules ? ` (${rules})` : ''}; every replacement is listed in ${shown(summary.report)}`,
  );
  const sheet = summary.duplicates.filter((d) => d.against === 'sheet').length;
  say(io, `  dropped ${plural(summary.duplicates.length, 'duplicate')}: ${sheet} of the sheet, ${summary.duplicates.length - sheet} within the import`);
  // A big log can repeat itself thousands of times: the first ones show the pattern, --json has them all.
  for (const d of summary.duplicates.slice(0, SHOWN_DUPLICATES)) say(io, paint(io, 'dim', `    ${d.source}: ${d.exact ? 'the same conversation as' : 'nearly the same as'} ${d.of}`));
  if (summary.duplicates.length > SHOWN_DUPLICATES) say(io, paint(io, 'dim', `    … ${summary.duplicates.length - SHOWN_DUPLICATES} more (--json lists every one)`));
  say(io, `  written ${summary.written}`);
}

/** `evals import <file> --to <suite>`: production conversations as candidate cases in a new CSV. */
export async function importCommand(file: string, options: ImportCommandOptions, io: CliIO): Promise<number> {
  if (options.format !== undefined && !IMPORT_FORMATS.includes(options.format as ImportFormat)) {
    throw new ConfigurationError(`--format ${options.format}: unknown format${didYouMean(options.format, IMPORT_FORMATS)} (the formats are: ${IMPORT_FORMATS.join(', ')})`);
  }
  if (options.stratifyBy !== undefined && options.sample === undefined) throw new ConfigurationError('--stratify-by: only with --sample n (without a sample every conversation is imported)');
  const summary = await importLog(file, io.cwd, {
    to: options.to,
    format: options.format as ImportFormat | undefined,
    sample: options.sample,
    stratifyBy: options.stratifyBy,
    seed: options.seed ?? 1,
    scrubRules: options.scrubRules,
    out: options.out,
  });
  if (options.json) io.out(JSON.stringify({ ...summary, file: path.relative(io.cwd, summary.file), report: path.relative(io.cwd, summary.report) }, null, 2));
  else printSummary(summary, options, io);
  return EXIT.ok;
}
