import type { Command } from 'commander';
import type { CliIO } from './io.js';
import { collect, duration, list, nonNegativeInt, nonNegativeNumber, port, positiveInt, positiveNumber, rate, trainShare } from './option-values.js';

// Every command of the CLI: its arguments, its options and an action that imports the command's module
// when it runs (so `evals --version` loads no model SDK). main.ts registers the one asked for.

/** The gate flags, the same for `evals run` and `evals merge`; each overrides the suite's `gate:` value. */
function addGateOptions(command: Command): Command {
  return command
    .option('--max-regressions <n>', 'gate: most cases allowed to go from pass to fail', nonNegativeInt)
    .option('--min-pass-rate <rate>', 'gate: lowest pass rate allowed, 0..1', rate)
    .option('--max-drop <rate>', 'gate: largest pass-rate drop against the baseline, 0..1', rate)
    .option('--fail-on-errors', 'gate: errored cases fail the gate (the default)')
    .option('--no-fail-on-errors', 'gate: errored cases do not fail the gate')
    .option('--no-gate', 'report the gate but always exit 0 for it');
}

/** Adds one command to the program: its arguments, options and the action that imports its module. */
type Registration = (program: Command, io: CliIO, setExit: (code: number) => void) => void;

/** Every command, in the order `evals --help` lists them. */
export const COMMANDS: Record<string, Registration> = {
  run: (program, io, setExit) => {
    const run = program
      .command('run')
      .description('run suites; writes reports/<suite>/<run-id>/; compares with the baseline and applies the gate (exit 1 when it fails)')
      .argument('[suites...]', 'suite names (suites/<name>.yaml) or paths')
      .option('--all', 'run every suite in suites/')
      .option('--systems <names>', 'only these systems, comma-separated', list)
      .option('--set <system.key=value>', 'override a system setting (repeatable), e.g. prompted.provider=openai:gpt-4o', collect, [])
      .option('--slice-by <names>', "break the numbers down by tags or dataset columns, comma-separated (replaces the suite's slice_by:)", list)
      .option('--concurrency <n>', 'requests in flight at once (default 10)', positiveInt)
      .option('--repeat <k>', 'run each case k times', positiveInt)
      .option('--filter <tag|id|text>', 'only cases with this tag or id, or whose input contains this text')
      .option('--limit <n>', 'only the first n cases (after --filter)', positiveInt)
      .option('--ci', 'CI mode: no colour, no live progress; a skipped system (missing key) is exit 3')
      .option('--json', 'print the run summaries as JSON on stdout instead of tables')
      .option('--baseline <file|run-id>', 'compare with this baseline.json or run (default reports/<suite>/baseline.json)')
      .option('--update-baseline', 'record this run as reports/<suite>/baseline.json (commit it)')
      .option('--reporter <formats>', 'also write reports: md,html,junit,csv,xlsx (list = terminal only)');
    addGateOptions(run)
      .option('--no-cache', 'call the models for every answer, and refresh the cache with them')
      .option('--cache-max-age <age>', 'ask the model again for cached answers older than this: 12h, 7d (default 7d)', duration)
      .option('--cache-dir <dir>', 'response cache folder (default .evals-cache; shareable as a CI artifact)')
      .option('--max-retries <n>', 'retries per request on 429, 5xx, timeouts and dropped connections (default 4)', nonNegativeInt)
      .option('--timeout <ms>', "per-request timeout in milliseconds (default 60000; a system's timeout_ms wins)", positiveInt)
      .option('--resume <run-id>', 'finish an interrupted run without repeating completed calls')
      .option('--trust-run', "with --resume: run the commands and call the endpoints the run folder's run.json names even when the suite file does not (a folder you made yourself)")
      .option('--batch', 'send openai: and anthropic: systems through their Batch APIs (half price; results within 24 h)')
      .option('--batch-poll <seconds>', 'seconds between batch status polls (default 30)', positiveNumber)
      .option('--shard <i/n>', 'run the i-th of n stable partitions of the cases (merge with `evals merge`)')
      .option('--no-suite-regressed', 'fail the run when any suite has a regressed case, even one its own gate allows (may this candidate become the next champion?)')
      .action(async (suites: string[], options) => {
        const { runCommand } = await import('./commands/run.js');
        setExit(await runCommand(suites, options, io));
      });
  },
  validate: (program, io, setExit) => {
    program
      .command('validate')
      .description('check suites, datasets and checks without calling any model')
      .argument('[suites...]', 'suite names or paths')
      .option('--all', 'validate every suite in suites/')
      .option('--json', 'print the findings as JSON on stdout')
      .action(async (suites: string[], options) => {
        const { validateCommand } = await import('./commands/validate.js');
        setExit(await validateCommand(suites, options, io));
      });
  },
  compare: (program, io, setExit) => {
    program
      .command('compare')
      .description('regression diff of two runs (or a baseline.json and a run)')
      .argument('<before>', 'baseline.json, a run id or folder, or "baseline" for the committed baseline of <after>\'s suite')
      .argument('<after>', 'a run id or folder')
      .option('--json', 'print the comparison as JSON')
      .action(async (before: string, after: string, options) => {
        const { compareCommand } = await import('./commands/compare.js');
        setExit(await compareCommand(before, after, options, io));
      });
  },
  report: (program, io, setExit) => {
    program
      .command('report')
      .description('write reports for a stored run, without calling any model')
      .argument('<run>', 'a run id or folder, or a suite name for its latest run')
      .option('--format <formats>', 'md,html,junit,csv,xlsx', 'md,html')
      .option('--baseline <file|run-id>', 'compare with this baseline instead of the committed one')
      .option('--gate', "apply the run's gate and exit like evals run (0 passed, 1 gate failed, 3 run failed)")
      .action(async (run: string, options) => {
        const { reportCommand } = await import('./commands/report.js');
        setExit(await reportCommand(run, options, io));
      });
  },
  judge: (program, io, setExit) => {
    program
      .command('judge')
      .description('judge the pairwise comparisons of a run (LLM judge, or --human in a local web page)')
      .argument('<run>', 'a run id or folder, or a suite name for its latest run')
      .option('--human', 'blind pairwise judging in a local web page')
      .option('--rater <name>', 'your name, for several human raters')
      .option('--port <n>', 'port for the human judging page (default: any free port)', port)
      .option('--concurrency <n>', 'judge requests in flight at once', positiveInt)
      .option('--trust-run', "run the exec: judges and call the http: judges the run folder's run.json names even when the suite file does not (a folder you made yourself)")
      .action(async (run: string, options) => {
        const { judgeCommand } = await import('./commands/judge.js');
        setExit(await judgeCommand(run, options, io));
      });
  },
  promote: (program, io, setExit) => {
    program
      .command('promote')
      .description("make a system's outputs in a run the suite's champion (reports/<suite>/champion.jsonl) and add it to the lineage")
      .argument('<run>', 'a run id or folder, or a suite name for its latest run')
      .requiredOption('--system <name>', 'the system whose outputs become the champion')
      .option('--label <text>', 'a name for this generation, e.g. "v3 fine-tune"')
      .option('--write-sheet', "also write the champion's outputs into the dataset's current_behavior column")
      .option('--json', 'print the champion and the lineage line as JSON')
      .action(async (run: string, options) => {
        const { promoteCommand } = await import('./commands/promote.js');
        setExit(await promoteCommand(run, options, io));
      });
  },
  lineage: (program, io, setExit) => {
    program
      .command('lineage')
      .description('the chain of champions of a suite: the prompted baseline, then each promoted generation with its win rate over the one before')
      .argument('<suite>', 'a suite name')
      .option('--json', 'print the lineage as JSON')
      .action(async (suite: string, options) => {
        const { lineageCommand } = await import('./commands/lineage.js');
        setExit(await lineageCommand(suite, options, io));
      });
  },
  calibrate: (program, io, setExit) => {
    program
      .command('calibrate')
      .description(
        "measure each rubric's grader against people's pass/fail labels: accuracy, Cohen's kappa with a 95% interval, the confusion matrix, the disagreements; saves reports/<suite>/calibration.json",
      )
      .argument('<run>', 'a run id or folder, or a suite name for its latest run')
      .option('--system <name>', 'the system whose outputs the human_verdict column labels (default: the first column: system)')
      .option('--json', 'print the calibration as JSON')
      .option('--save', 'save calibration.json even when the run covered part of the suite (--filter, --limit, --shard)')
      .action(async (run: string, options) => {
        const { calibrateCommand } = await import('./commands/calibrate.js');
        setExit(await calibrateCommand(run, options, io));
      });
  },
  winrate: (program, io, setExit) => {
    program
      .command('winrate')
      .description('win rates, confidence intervals and ratings from judgments made elsewhere (CSV or JSONL)')
      .argument('<file>', 'judgments: case id, the two systems, and a winner or a preference in [0, 1]')
      .option('--json', 'print the statistics as JSON')
      .action(async (file: string, options) => {
        const { winrateCommand } = await import('./commands/winrate.js');
        setExit(await winrateCommand(file, options, io));
      });
  },
  init: (program, io, setExit) => {
    program
      .command('init')
      .description('create a suite, a dataset template, a prompt and a tool schema to start from')
      .argument('[name]', "the behaviour's name", 'my-behaviour')
      .option('--force', 'overwrite existing files (never done without it)')
      .option('--examples', "instead, copy the README's example suites (canvas-trigger, tasks-schedule, canvas-comments, canvas-edit) with their sheets and baselines")
      .action(async (name: string, options: { force?: boolean; examples?: boolean }) => {
        const { initCommand } = await import('./commands/init.js');
        setExit(await initCommand(name, options, io));
      });
  },
  merge: (program, io, setExit) => {
    const merge = program
      .command('merge')
      .description('combine the shards of a run (--shard i/n) into one run, then compare, gate and report it like evals run')
      .argument('<runs...>', 'shard run ids or folders, of one suite or several (e.g. reports/*/*/)')
      .option('--ci', 'CI mode: no colour; a system skipped in a shard (missing key) is exit 3')
      .option('--json', "print the merged runs' summaries as JSON on stdout instead of tables")
      .option('--baseline <file|run-id>', 'compare with this baseline.json or run (default reports/<suite>/baseline.json)')
      .option('--update-baseline', 'record the merged run as reports/<suite>/baseline.json (commit it)')
      .option('--reporter <formats>', 'also write reports: md,html,junit,csv,xlsx (list = terminal only)');
    addGateOptions(merge).action(async (runs: string[], options) => {
      const { mergeCommand } = await import('./commands/merge.js');
      setExit(await mergeCommand(runs, options, io));
    });
  },
  history: (program, io, setExit) => {
    program
      .command('history')
      .description("each system's pass rate over the suite's recorded runs (reports/<suite>/history.jsonl): a trend, first, last, best")
      .argument('<suite>', 'a suite name, or a history.jsonl file')
      .option('--system <name>', 'only this system (and the pairs it is compared in)')
      .option('--last <n>', 'the last n runs (default 30)', positiveInt)
      .option('--json', 'print the trends and the latest record as JSON')
      .action(async (suite: string, options) => {
        const { historyCommand } = await import('./commands/history.js');
        setExit(await historyCommand(suite, options, io));
      });
  },
  dashboard: (program, io, setExit) => {
    program
      .command('dashboard')
      .description("write reports/index.html: every suite's pass rates over time, win rate against the champion, lineage and latest regressions")
      .option('--reports <dir>', 'the reports folder to read and write index.html into (default reports)')
      .action(async (options) => {
        const { dashboardCommand } = await import('./commands/dashboard.js');
        setExit(await dashboardCommand(options, io));
      });
  },
  export: (program, io, setExit) => {
    program
      .command('export')
      .description("fine-tuning files from a suite's ideal behaviours (openai-chat, anthropic) or preference pairs from a judged run (openai-preference)")
      .argument('<suite|run>', 'a suite name or path; for openai-preference a run id or folder, or a suite name for its latest run')
      .requiredOption('--format <format>', 'openai-chat, anthropic or openai-preference')
      .option('--out <dir>', 'folder for the files (default exports)')
      .option('--split <share>', 'write a train and a validation file, this share of each label to train, e.g. 0.9', trainShare)
      .option('--seed <n>', 'seed of the split (default 1): the same seed gives the same files', nonNegativeInt)
      .option('--include-failing', "also write rows whose ideal fails the suite's own checks (refused by default)")
      .option('--system <name>', 'the system whose prompt and tools the examples carry (default: the first with a prompt or tools)')
      .option('--json', 'print the summary as JSON')
      .action(async (reference: string, options) => {
        const { exportCommand } = await import('./commands/export.js');
        setExit(await exportCommand(reference, options, io));
      });
  },
  import: (program, io, setExit) => {
    program
      .command('import')
      .description('production conversations (OpenAI or Anthropic JSONL, or a CSV export) as candidate cases in a new CSV: sampled, scrubbed of personal data, deduplicated against the sheet')
      .argument('<file>', 'the log: JSON lines of {"messages": [...]}, or a CSV with an input column')
      .requiredOption('--to <suite>', 'the suite the candidates are for (its sheet is never written)')
      .option('--format <format>', 'openai, anthropic or csv (default: from the file)')
      .option('--sample <n>', 'import n conversations, chosen at random (seeded)', positiveInt)
      .option('--stratify-by <field>', "with --sample: keep each value's share of this field (a CSV column, a JSON field or a metadata field)")
      .option('--seed <n>', 'seed of the sample (default 1)', nonNegativeInt)
      .option('--scrub-rules <file>', 'a YAML file of extra scrub rules: rules: [{name, pattern, replacement}]')
      .option('--out <file>', 'the candidates CSV (default datasets/<suite>.candidates.csv); the scrub report goes beside it')
      .option('--json', 'print the summary as JSON')
      .action(async (file: string, options) => {
        const { importCommand } = await import('./commands/import.js');
        setExit(await importCommand(file, options, io));
      });
  },
  synth: (program, io, setExit) => {
    program
      .command('synth')
      .description("propose new cases for a suite with a model: diverse by plan, deduplicated, written to a new CSV or workbook tab for review (never the suite's sheet)")
      .argument('<suite>', 'a suite name or path')
      .requiredOption('--n <rows>', 'how many new rows', positiveInt)
      .requiredOption('--model <provider>', 'the model that writes them, a provider id such as openai:gpt-4o or anthropic:claude-sonnet-4-5')
      .option('--out <file>', 'a new .csv, or a workbook tab as book.xlsx#Synth (default datasets/<suite>.synth.csv)')
      .option('--seed <n>', 'seed of the plan of axes and of the sampled example rows (default 1)', nonNegativeInt)
      .option('--languages <list>', 'languages the user turns are written in, comma-separated (default English,Spanish,French,German)', list)
      .option('--max-attempts <k>', 'requests per row at most: the first and its replacements when dropped (default 3)', positiveInt)
      .option('--concurrency <n>', 'rows asked for at once (default 4)', positiveInt)
      .option('--temperature <t>', "the model's sampling temperature (default 1)", nonNegativeNumber)
      .option('--no-cache', 'ask the model for every row, and refresh the cache with the answers')
      .option('--cache-dir <dir>', 'response cache folder (default .evals-cache)')
      .option('--max-retries <n>', 'retries per request on 429, 5xx, timeouts and dropped connections (default 4)', nonNegativeInt)
      .option('--timeout <ms>', 'per-request timeout in milliseconds (default 60000)', positiveInt)
      .option('--json', 'print the diversity report as JSON')
      .action(async (suite: string, options) => {
        const { synthCommand } = await import('./commands/synth.js');
        setExit(await synthCommand(suite, options, io));
      });
  },
  cache: (program, io, setExit) => {
    program
      .command('cache')
      .description('inspect, prune or empty the response cache')
      .argument('<action>', 'stats, prune (drop answers replaced by newer ones or too old to be served) or clear')
      .option('--cache-dir <dir>', 'cache folder (default .evals-cache)')
      .option('--cache-max-age <age>', 'answers older than this are no longer served: 12h, 7d (default 7d, as for run)', duration)
      .action(async (action: string, options) => {
        const { cacheCommand } = await import('./commands/cache.js');
        setExit(await cacheCommand(action, options, io));
      });
  },
};
