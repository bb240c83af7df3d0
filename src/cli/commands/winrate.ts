import { importJudgments } from '../../judge/import-judgments.js';
import { renderPairwiseSummary } from '../../judge/render-table.js';
import { summarizeJudgments } from '../../judge/summarize.js';
import type { CliIO } from '../io.js';
import { printTable } from '../fit-output.js';
import { EXIT } from '../../exit-codes.js';

export interface WinrateCommandOptions {
  json?: boolean;
}

/** `evals winrate <file>`: win rates, intervals, ratings and agreement from judgments made elsewhere. */
export async function winrateCommand(file: string, options: WinrateCommandOptions, io: CliIO): Promise<number> {
  const judgments = await importJudgments(file, io.cwd);
  const summary = summarizeJudgments(judgments);
  if (options.json) io.out(JSON.stringify(summary, null, 2));
  else printTable(io, renderPairwiseSummary(summary, io.columns));
  return EXIT.ok;
}
