import { existsSync } from 'node:fs';
import path from 'node:path';
import { describeNotInChampion } from '../../judge/champion-outputs.js';
import { startHumanJudging } from '../../judge/human-server.js';
import { isAutomaticJudge } from '../../judge/registry.js';
import { raterNameProblem } from '../../judge/rater-name.js';
import { readJudgments } from '../../judge/judgments-store.js';
import { renderPairwiseSummary } from '../../judge/render-table.js';
import { judgeRun } from '../../judge/run-judging.js';
import { loadJudgeableRun } from '../../judge/run-pairs.js';
import { summarizeJudgments } from '../../judge/summarize.js';
import { resolveRunDir } from '../../store/read-run.js';
import { readRunMeta, RUN_FILES } from '../../store/run-dir.js';
import { paint, type CliIO } from '../io.js';
import { judgeProgressRenderer } from '../judge-progress.js';
import { printTable } from '../fit-output.js';
import { EXIT } from '../../exit-codes.js';
import { ConfigurationError } from '../../errors.js';
import { refuseUntrustedCommands } from '../../evaluate/run-commands.js';
import { rememberSuiteFileSecrets } from '../../evaluate/remember-secrets.js';
import { readSuiteConfig } from '../../suite/load.js';

export interface JudgeCommandOptions {
  human?: boolean;
  rater?: string;
  port?: number;
  concurrency?: number;
  /** Run exec: judges run.json names even when the suite file does not. */
  trustRun?: boolean;
}

/** A judge that fails on most pairs is down or misconfigured; its verdicts would mean little. */
const RUN_FAILED_ERROR_SHARE = 0.5;

/** `evals judge <run>`: LLM judging of the run's comparisons, or `--human` in a local page. */
export async function judgeCommand(run: string, options: JudgeCommandOptions, io: CliIO): Promise<number> {
  const runDir = resolveRunDir(run, path.join(io.cwd, 'reports'));
  const meta = readRunMeta(runDir);
  // A run with rubric checks has outputs for people to label on the page even without `compare:` pairs.
  const labelsOnly = options.human && (meta.checks ?? []).some((check) => check.type === 'rubric');
  if (!(meta.compare ?? []).length && !labelsOnly) {
    throw new ConfigurationError(`${meta.suiteFile}: this run's suite has no \`compare:\` pairs to judge (add e.g. \`compare: [{ a: candidate, b: prompted, judge: "openai:gpt-4o" }]\`)`);
  }
  if (options.human) {
    const problem = options.rater === undefined ? undefined : raterNameProblem(options.rater);
    if (problem) throw new ConfigurationError(`--rater ${JSON.stringify(options.rater)}: ${problem}`);
    return judgeByHand(runDir, options, io);
  }
  // The judges come from run.json, which is data: a command in it runs only if the suite file names it.
  if (!options.trustRun) await refuseUntrustedCommands(runDir, meta, io.cwd, { loadsSuiteFile: false });
  await rememberSecretsOfSuite(meta.suiteFile, io);
  return judgeByModel(runDir, options, io);
}

/** The keys the run's suite names are secrets here too (an exec: judge may print them); a suite that no longer reads is no reason not to judge. */
async function rememberSecretsOfSuite(suiteFile: string, io: CliIO): Promise<void> {
  const file = path.resolve(io.cwd, suiteFile);
  if (!existsSync(file)) return;
  try {
    rememberSuiteFileSecrets(await readSuiteConfig(file, io.cwd), io.env);
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
  }
}

async function judgeByModel(runDir: string, options: JudgeCommandOptions, io: CliIO): Promise<number> {
  const controller = new AbortController();
  const onSigint = () => {
    io.err('\nInterrupted: finishing judgments in flight; judge again to resume.');
    process.removeListener('SIGINT', onSigint);
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  let outcome;
  try {
    outcome = await judgeRun(runDir, { env: io.env, cwd: io.cwd, concurrency: options.concurrency, signal: controller.signal, onEvent: judgeProgressRenderer(io, { announceSkipped: true }) });
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
  const meta = readRunMeta(runDir);
  if (!(meta.compare ?? []).some((c) => isAutomaticJudge(c.judge))) {
    io.err(`${meta.suite}: no comparison in this run has an LLM judge; use --human to judge it yourself.`);
  }
  for (const c of outcome.champion) {
    const note = c.noChampion ? 'not judged: the run kept no champion (none was promoted when it started)' : describeNotInChampion(c.notInChampion);
    if (note) io.out(paint(io, 'yellow', `${c.a} vs ${c.b}: ${note}`));
  }
  printTable(io, renderPairwiseSummary(outcome.summary, io.columns));
  io.out(paint(io, 'dim', `judgments: ${path.relative(io.cwd, runDir) || runDir}/${RUN_FILES.judgments}`));
  if (controller.signal.aborted) return EXIT.interrupted;
  let code: number = EXIT.ok;
  for (const c of outcome.summary.comparisons) {
    const total = c.n + c.errors;
    if (c.errors) io.out(paint(io, 'yellow', `${c.a} vs ${c.b}: the judge errored on ${c.errors} of ${total} pairs; errors are neither wins nor ties (judge again to retry them).`));
    if (total > 0 && c.errors / total > RUN_FAILED_ERROR_SHARE) code = EXIT.runFailed;
  }
  return code;
}

async function judgeByHand(runDir: string, options: JudgeCommandOptions, io: CliIO): Promise<number> {
  let judged = 0;
  const session = await startHumanJudging(runDir, { rater: options.rater, port: options.port, onJudgment: () => (judged += 1) });
  io.out(`Judge in your browser: ${session.url}`);
  io.err(paint(io, 'dim', `${session.total} items per rater (pairs to judge, rubric-graded outputs to label); every answer is saved as you go. Press Ctrl-C when you are done.`));
  await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
  await session.close();
  io.err(`\n${judged} judgment${judged === 1 ? '' : 's'} recorded in this session.`);
  const run = await loadJudgeableRun(runDir);
  printTable(io, renderPairwiseSummary(summarizeJudgments(await readJudgments(runDir), { lengths: run.outputs.length, compare: run.meta.compare }), io.columns));
  return EXIT.ok;
}
