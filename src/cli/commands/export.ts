import { existsSync } from 'node:fs';
import path from 'node:path';
import { ConfigurationError } from '../../errors.js';
import { EXIT } from '../../exit-codes.js';
import { CHAT_FORMATS, exportSuite } from '../../export/export-suite.js';
import { exportPreferences } from '../../export/preference-pairs.js';
import type { ExportSummary } from '../../export/types.js';
import { resolveRunDir } from '../../store/read-run.js';
import { readRunMeta } from '../../store/run-dir.js';
import { resolveSuitePath } from '../../suite/load.js';
import { didYouMean } from '../../suggest.js';
import { paint, type CliIO } from '../io.js';
import { say } from '../fit-output.js';

const EXPORT_FORMATS = [...Object.keys(CHAT_FORMATS), 'openai-preference'];

export interface ExportCommandOptions {
  format: string;
  out?: string;
  split?: number;
  seed?: number;
  includeFailing?: boolean;
  system?: string;
  json?: boolean;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** A chat export reads a suite's sheet; given a run instead, the suite that run was made from. */
function suiteOf(reference: string, cwd: string): string {
  if (existsSync(resolveSuitePath(reference, cwd))) return reference;
  return readRunMeta(resolveRunDir(reference, path.join(cwd, 'reports'), cwd)).suiteFile;
}

function rows(list: number[]): string {
  const shown = list.slice(0, 12).join(', ');
  return `${list.length === 1 ? 'row' : 'rows'} ${shown}${list.length > 12 ? `, … (${list.length - 12} more)` : ''}`;
}

function printSummary(summary: ExportSummary, io: CliIO): void {
  const refused = summary.refused.reduce((sum, r) => sum + r.rows.length, 0);
  const unit = summary.format === 'openai-preference' ? 'pair' : 'row';
  const parts = [`${plural(summary.written, unit)} written`, `${refused} refused`];
  if (summary.format !== 'openai-preference') parts.push(`${summary.skippedNoIdeal} skipped without an ideal`);
  say(io, paint(io, 'bold', `${summary.suite} → ${summary.format}: ${parts.join(', ')}`));
  for (const file of summary.files) say(io, `  ${path.relative(io.cwd, file.file) || file.file}: ${plural(file.lines, 'line')}`);
  if (summary.writtenFailing > 0) say(io, paint(io, 'yellow', `  ${plural(summary.writtenFailing, 'row')} written although the ideal fails the suite's checks (--include-failing)`));
  for (const { reason, rows: list } of summary.refused) say(io, paint(io, 'yellow', `  refused ${list.length}: ${reason} (${rows(list)})`));
  if (summary.leftOut) {
    const { ties, inconsistent, errors, missingOutput } = summary.leftOut;
    say(io, `  left out: ${plural(ties, 'tie')}, ${plural(inconsistent, 'order-inconsistent verdict')}, ${plural(errors, 'judge error')}, ${missingOutput} without both outputs`);
  }
  if (summary.written === 0) say(io, paint(io, 'yellow', '  nothing was written: see the reasons above'));
}

/** `evals export <suite|run> --format <f>`: fine-tuning or preference files from a suite's ideals or a judged run. */
export async function exportCommand(reference: string, options: ExportCommandOptions, io: CliIO): Promise<number> {
  if (!EXPORT_FORMATS.includes(options.format)) {
    throw new ConfigurationError(`--format ${options.format}: unknown format${didYouMean(options.format, EXPORT_FORMATS)} (the formats are: ${EXPORT_FORMATS.join(', ')})`);
  }
  if (options.includeFailing && options.format === 'openai-preference') {
    throw new ConfigurationError('--include-failing: only for openai-chat and anthropic (a preference export reads judgments, not ideals)');
  }
  const common = { out: options.out ?? 'exports', split: options.split, seed: options.seed ?? 1, system: options.system };
  const summary =
    options.format === 'openai-preference'
      ? await exportPreferences(reference, io.cwd, common)
      : await exportSuite(suiteOf(reference, io.cwd), io.cwd, { ...common, format: options.format, includeFailing: options.includeFailing });
  if (options.json) io.out(JSON.stringify({ ...summary, files: summary.files.map((f) => ({ ...f, file: path.relative(io.cwd, f.file) || f.file })) }, null, 2));
  else printSummary(summary, io);
  return EXIT.ok;
}
