import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { ConfigurationError } from '../../errors.js';
import { EXIT } from '../../exit-codes.js';
import { renderTrendTable } from '../../history/history-table.js';
import { readHistory, skippedLinesNote } from '../../history/read-history.js';
import { historyPath, HISTORY_FILE } from '../../history/record.js';
import { comparisonTrends, systemTrends } from '../../history/trend.js';
import { didYouMean } from '../../suggest.js';
import { paint, type CliIO } from '../io.js';
import { printTable, say } from '../fit-output.js';

export interface HistoryCommandOptions {
  system?: string;
  json?: boolean;
  last?: number;
}

/** Runs shown when --last is not given: a month of daily CI runs, and a sparkline that fits 80 columns. */
const DEFAULT_LAST = 30;

/** `evals history <suite>`: each system's pass rate (and each pair's win rate) over the suite's recorded runs. */
export async function historyCommand(suite: string, options: HistoryCommandOptions, io: CliIO): Promise<number> {
  const reportsDir = path.join(io.cwd, 'reports');
  const file = suite.endsWith('.jsonl') ? path.resolve(io.cwd, suite) : historyPath(reportsDir, suite);
  const shown = path.relative(io.cwd, file) || file;
  const history = readHistory(file, { last: options.last ?? DEFAULT_LAST });
  const note = skippedLinesNote(history, shown);
  if (note) io.err(paint(io, 'yellow', `warning: ${note}`));
  if (!history.records.length)
    throw new ConfigurationError(`${suite}: no history yet (${shown})${suggestSuite(suite, reportsDir)}: every evals run of the whole suite, and every evals merge, adds a record`);

  const { records } = history;
  let systems = systemTrends(records);
  let pairs = comparisonTrends(records);
  if (options.system) {
    const known = systems.map((s) => s.name);
    if (!known.includes(options.system)) throw new ConfigurationError(`--system ${options.system}: not in the history of ${suite}${didYouMean(options.system, known)}; it has ${known.join(', ')}`);
    systems = systems.filter((s) => s.name === options.system);
    pairs = pairs.filter((p) => p.name.startsWith(`${options.system} vs `) || p.name.endsWith(` vs ${options.system}`));
  }
  const latest = records[records.length - 1];
  if (options.json) {
    io.out(
      JSON.stringify(
        { suite: latest.suite, file: shown, runs: records.length, recorded: history.total, skipped: { newer: history.newer, damaged: history.damaged }, latest, systems, comparisons: pairs },
        null,
        2,
      ),
    );
    return EXIT.ok;
  }
  const of = records.length < history.total ? ` (the last ${records.length} of ${history.total}; --last to see more)` : '';
  io.out(paint(io, 'bold', `${latest.suite}: ${records.length} run${records.length === 1 ? '' : 's'}${of}, ${day(records[0].time)} → ${day(latest.time)}`));
  printTable(io, renderTrendTable(systems, 'system', io.columns));
  if (pairs.length) {
    say(io, 'win rates:');
    printTable(io, renderTrendTable(pairs, 'pair', io.columns));
  }
  const where = latest.git ? ` at ${latest.git.commit.slice(0, 8)}${latest.git.branch ? ` (${latest.git.branch})` : ''}` : '';
  const gate = latest.gate.applied ? (latest.gate.passed ? 'gate passed' : 'gate failed') : 'gate not applied';
  say(io, `latest: ${latest.runId}${where}, ${gate}`);
  return EXIT.ok;
}

/** The date and minute of an ISO time, as a person scans a list of runs. */
const day = (iso: string) => iso.slice(0, 16).replace('T', ' ');

/** ` (did you mean "x"?)` among the suites that have a history. */
function suggestSuite(suite: string, reportsDir: string): string {
  if (!existsSync(reportsDir)) return '';
  const suites = readdirSync(reportsDir).filter((name) => existsSync(path.join(reportsDir, name, HISTORY_FILE)));
  return didYouMean(suite, suites);
}
