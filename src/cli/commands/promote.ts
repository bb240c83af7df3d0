import path from 'node:path';
import { promote, type Promotion } from '../../champion/promote.js';
import { ConfigurationError } from '../../errors.js';
import { EXIT } from '../../exit-codes.js';
import { formatPercent } from '../../format.js';
import { evalsCommand } from '../../invoked-as.js';
import { paint, type CliIO } from '../io.js';
import { say } from '../fit-output.js';

export interface PromoteCommandOptions {
  system: string;
  label?: string;
  writeSheet?: boolean;
  json?: boolean;
}

/** `evals promote <run> --system <name>`: that system's outputs become the suite's champion. */
export async function promoteCommand(run: string, options: PromoteCommandOptions, io: CliIO): Promise<number> {
  const promotion = await promote({ cwd: io.cwd, run, system: options.system, label: options.label });
  const sheet = options.writeSheet ? await writeSheet(promotion, io.cwd) : undefined;
  if (options.json) {
    io.out(JSON.stringify({ champion: promotion.champion.header, lineage: promotion.line, ...(sheet ? { sheet } : {}) }, null, 2));
    return EXIT.ok;
  }
  const { line } = promotion;
  const named = line.label ? `${line.system} (${line.label})` : line.system;
  say(io, paint(io, 'bold', `${promotion.suite}: generation ${line.generation}: ${named}, ${line.provider}, from run ${line.runId}`));
  say(io, `pass rate ${formatPercent(line.passRate)} (95% ${formatPercent(line.passRateInterval.low)}–${formatPercent(line.passRateInterval.high)})`);
  const previous = line.previous.kind === 'prompted' ? 'the prompted system' : `the previous champion (${line.previous.label ?? line.previous.system}, run ${line.previous.runId})`;
  if (line.winRateVsPrevious) {
    const w = line.winRateVsPrevious;
    say(io, `win rate over ${previous}: ${formatPercent(w.rate)} (95% ${formatPercent(w.low)}–${formatPercent(w.high)}, ${w.n} judgments)`);
  } else {
    say(io, paint(io, 'yellow', `no win rate over ${previous}: this run did not judge ${line.system} against it`));
  }
  say(io, `champion: ${path.relative(io.cwd, promotion.championFile)} (${promotion.champion.entries.length} outputs; commit it)`);
  say(io, `lineage: ${path.relative(io.cwd, promotion.lineageFile)}; see \`${evalsCommand(io.env)} lineage ${promotion.suite}\``);
  if (sheet) say(io, `sheet: ${sheet.file}: ${sheet.changed} cell${sheet.changed === 1 ? '' : 's'} of column "${sheet.column}" written (${sheet.unchanged} already held the champion's output)`);
  return EXIT.ok;
}

/** The champion is already promoted when the sheet is written: a sheet that cannot be written must say so, not read as "nothing happened". */
async function writeSheet(promotion: Promotion, cwd: string) {
  const { writeChampionToSheet } = await import('../../champion/write-sheet.js');
  try {
    return await writeChampionToSheet(promotion, cwd);
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    throw new ConfigurationError(`${promotion.suite}: promoted (${path.basename(promotion.championFile)} and the lineage are written), but the sheet was not: ${error.message}`);
  }
}
