import path from 'node:path';
import { mergeRuns } from '../../run/merge-runs.js';
import { resolveRunDir } from '../../store/read-run.js';
import { renderSummaryTable } from '../../report/terminal-table.js';
import { EXIT } from '../../exit-codes.js';
import type { CliIO } from '../io.js';

export async function mergeCommand(runs: string[], io: CliIO): Promise<number> {
  const dirs = runs.map((run) => resolveRunDir(run, path.join(io.cwd, 'reports'), io.cwd));
  // The merged run goes next to the shards (reports/<suite>/), wherever the command is run from.
  const { runDir, summary } = await mergeRuns(dirs, path.dirname(path.dirname(dirs[0])));
  io.out(renderSummaryTable(summary));
  io.out(`merged ${dirs.length} runs into ${path.relative(io.cwd, runDir)}${summary.complete ? '' : ` (incomplete: ${summary.planned} results planned)`}`);
  return EXIT.ok;
}
