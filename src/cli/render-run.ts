import path from 'node:path';
import type { Assessment } from '../regression/assess-run.js';
import { gateNotApplied } from '../regression/gate.js';
import type { SuiteRegression } from '../regression/diff-runs.js';
import { formatPercent } from '../format.js';
import { renderCrossSuiteTable, type CrossSuiteEntry } from '../report/cross-suite.js';
import { cacheNotes, errorCauses, graderNotes, refusedFix } from '../report/run-notes.js';
import { renderSummaryTable } from '../report/terminal-table.js';
import type { RunOutcome } from '../run/run-suite.js';
import { paint, type CliIO } from './io.js';
import { printTable, say } from './fit-output.js';
import { RUN_FILES } from '../store/run-dir.js';
import { crossSuiteEntries } from '../evaluate/write-run-reports.js';
import type { JudgingStep } from '../evaluate/judge-after-run.js';
import type { CrossSuiteGate, SuiteEvaluation } from '../evaluate/verdict.js';
import { renderPairwiseSummary } from '../judge/render-table.js';
import { evalsCommand } from '../invoked-as.js';
import type { HistoryOutcome } from '../history/record-run.js';
import type { DecisionsView } from '../regression/decisions.js';
import { renderDecisionTable } from '../report/decision-table.js';
import { decisionChange } from '../report/decision-view.js';
import type { SlicesSummary } from '../store/slice-summary.js';
import { renderSliceTable } from '../report/slice-table.js';
import { regressedLine, sliceDecisionText, terminalSlices } from '../report/slice-view.js';

/**
 * The end of one suite's run: the table, errors, the comparison with the baseline and the gate.
 * For a shard (`--shard i/n`) the gate is shown as what it is: not applied until the shards are merged.
 */
export function printSuiteOutcome(outcome: Pick<RunOutcome, 'runDir' | 'summary'>, assessment: Assessment, io: CliIO, printExtra?: () => void, shard?: string): void {
  const { summary } = outcome;
  io.out('');
  say(io, paint(io, 'bold', summary.suite) + paint(io, 'dim', `  ${summary.cases} cases × ${summary.repeat} repeat${summary.repeat === 1 ? '' : 's'}  run ${summary.runId}`));
  printTable(io, renderSummaryTable(summary, io.columns));
  if (summary.repeat > 1)
    say(
      io,
      paint(
        io,
        'dim',
        `pass rates in the table are per result; comparisons and the gate judge each case by ${assessment.regression.policy === 'all' ? 'pass^k (every repeat passes)' : 'a majority of its repeats'}`,
      ),
    );
  if (assessment.decisions) printDecisions(assessment.decisions, io);
  if (assessment.slices) printSlices(assessment.slices, io);
  for (const note of cacheNotes(summary)) say(io, paint(io, 'yellow', note));
  for (const note of graderNotes(summary)) say(io, paint(io, 'dim', note));
  for (const system of summary.systems) {
    if (system.retries) {
      const causes = Object.entries(system.retriesByKind)
        .map(([kind, n]) => `${n} ${kind}`)
        .join(', ');
      say(io, paint(io, 'dim', `${system.system}: ${system.retries} retr${system.retries === 1 ? 'y' : 'ies'} (${causes})`));
    }
    if (system.error) say(io, paint(io, 'yellow', `${system.system}: ${system.error} errored: ${errorCauses(system)}; errors are neither pass nor fail.`));
    const fix = refusedFix(system);
    if (fix) say(io, paint(io, 'red', fix));
  }
  printComparison(assessment.regression, io);
  printExtra?.();
  for (const warning of assessment.warnings) say(io, paint(io, 'yellow', `warning: ${warning}`));
  if (assessment.baselineWritten) say(io, `baseline updated: ${path.relative(io.cwd, assessment.baselineWritten)}`);
  if (shard) printShardGate(assessment, shard, io);
  else printGate(assessment, io);
  say(io, paint(io, 'dim', `results: ${path.relative(io.cwd, outcome.runDir) || outcome.runDir}/${RUN_FILES.results}`));
}

/** Errors by kind for each check tied to a yes/no label, and how they moved since the compared-with run. */
export function printDecisions(view: DecisionsView, io: CliIO): void {
  say(io, paint(io, 'bold', 'Decisions') + paint(io, 'dim', '  (yes/no labels; 95% intervals in brackets)'));
  printTable(io, renderDecisionTable(view.rows, io.columns));
  if (view.baselineRunId) {
    say(io, `decisions compared with ${view.baselineRunId}:`);
    for (const row of view.rows) {
      const moved = decisionChange(row);
      say(io, `  ${row.system}, ${row.decision.name}: ${moved ?? 'not in the compared-with run'}`);
    }
  }
  if (view.note) say(io, paint(io, 'dim', view.note));
}

/** The worst few slices and every regressed one, each decision's numbers under the table; the rest are in the reports. */
function printSlices(slices: SlicesSummary, io: CliIO): void {
  if (!slices.rows.length) return;
  const shown = terminalSlices(slices);
  say(io, paint(io, 'bold', 'Slices') + paint(io, 'dim', `  (by ${slices.by.join(', ')}; worst first)`));
  printTable(io, renderSliceTable(shown, Boolean(slices.baselineRunId), io.columns));
  for (const row of shown) for (const decision of row.decisions) say(io, paint(io, 'dim', `  ${row.key}, ${row.system}: ${sliceDecisionText(decision)}`));
  const regressed = regressedLine(slices);
  if (regressed) say(io, paint(io, 'red', regressed));
  const more = slices.rows.length - shown.length;
  if (more > 0) say(io, paint(io, 'dim', `${more} more slice row${more === 1 ? '' : 's'} in summary.json and the reports (--reporter md,html)`));
}

export function printComparison(comparison: SuiteRegression, io: CliIO): void {
  printRepeats(comparison, io);
  if (!comparison.baselineRunId) return;
  say(io, `compared with ${comparison.baselineRunId}:`);
  for (const s of comparison.systems) {
    const c = s.counts;
    const delta = s.delta === null ? '' : ` (${s.delta >= 0 ? '+' : ''}${(s.delta * 100).toFixed(1)} pts, McNemar p=${s.mcnemar.pRegression.toPrecision(2)})`;
    say(
      io,
      `  ${s.system}: ${formatPercent(s.before.passRate)} → ${formatPercent(s.after.passRate)}${delta}; ${c.regressed} regressed, ${c.fixed} fixed, ${c['still-failing']} still failing, ${c.new} new, ${c.removed} removed, ${c.errored} errored`,
    );
    for (const kase of s.cases.filter((k) => k.transition === 'regressed')) {
      say(io, paint(io, 'red', `    regressed ${kase.caseId}${kase.changed ? ' (row changed)' : ''}: ${kase.reasons.join('; ') || 'failed'}`));
    }
    for (const kase of s.cases.filter((k) => k.transition === 'fixed')) say(io, paint(io, 'green', `    fixed ${kase.caseId}`));
  }
}

/** With --repeat: per system pass@k (some repeat passed), pass^k (every repeat passed) and the flaky cases. */
function printRepeats(comparison: SuiteRegression, io: CliIO): void {
  for (const s of comparison.systems) {
    // Counted as the cases go by: a million verdicts collected (and spread into Math.max) cost ~100 MB, or a stack overflow.
    let cases = 0;
    let k = 0;
    let atK = 0;
    let hatK = 0;
    for (const { after: v } of s.cases) {
      if (!v || v.passes + v.fails + v.errors <= 1) continue;
      cases += 1;
      k = Math.max(k, v.passes + v.fails + v.errors);
      if (v.passAtK) atK += 1;
      if (v.passHatK) hatK += 1;
    }
    if (!cases) continue;
    say(io, `${s.system}: pass@${k} ${formatPercent(atK / cases)}, pass^${k} ${formatPercent(hatK / cases)} over ${cases} cases`);
    if (s.flaky.length) say(io, paint(io, 'yellow', `  flaky (passed and failed across repeats): ${s.flaky.join(', ')}`));
  }
}

export function printGate(assessment: Assessment, io: CliIO): void {
  const { gate } = assessment;
  const checked = [...gate.systems, ...gate.pairs];
  const notApplied = gateNotApplied(gate);
  if (notApplied) {
    say(io, paint(io, 'yellow', `gate not applied: ${notApplied}`));
    return;
  }
  if (gate.passed) say(io, paint(io, 'green', `gate passed (${checked.join(', ')}): ${gate.rules.join(', ')}`));
  else for (const failure of gate.failures) say(io, paint(io, 'red', `gate failed: ${failure}`));
}

function printShardGate(assessment: Assessment, shard: string, io: CliIO): void {
  const { gate } = assessment;
  const alone = gate.passed ? 'passes' : `would fail (${gate.failures.join('; ')})`;
  say(io, paint(io, 'yellow', `shard ${shard}: gate applied when the shards are merged (${evalsCommand(io.env)} merge); this shard alone ${alone}`));
}

/** After every suite of `evals run` or `evals merge`: the summaries as JSON, or for several suites one table. */
export function printRunsEnd(done: SuiteEvaluation[], json: boolean | undefined, io: CliIO, shard?: string): void {
  if (json) {
    io.out(
      JSON.stringify(
        done.map(({ outcome, assessment, judging }) => ({
          runDir: outcome.runDir,
          ...outcome.summary,
          ...(assessment.slices ? { slices: assessment.slices } : {}),
          gate: assessment.gate,
          warnings: assessment.warnings,
          ...(judging.champion?.length ? { champion: judging.champion } : {}),
        })),
        null,
        2,
      ),
    );
  } else if (done.length > 1) {
    io.out('');
    say(io, paint(io, 'bold', 'All suites, worst first'));
    printTable(io, renderCrossSuiteTable(crossSuiteEntries(done), io.columns));
    if (shard) say(io, paint(io, 'yellow', `shard ${shard}: the gate column is this shard alone; the gate is applied when the shards are merged (${evalsCommand(io.env)} merge)`));
  }
}

/** The notes of a suite's pairwise judging (not judged, skipped judges) and its win-rate table. */
export function printJudging(judging: JudgingStep, io: CliIO): void {
  for (const note of judging.notes) say(io, paint(io, 'yellow', note));
  if (judging.summary && judging.summary.comparisons.length) printTable(io, renderPairwiseSummary(judging.summary, io.columns));
}

/**
 * Which rule decided across suites. With `--no-suite-regressed`, always said (it is the CI check that a
 * candidate may become the next champion); without it, said when several suites ran, so nobody reads a
 * green `--all` as "nothing regressed" when a suite's own gate tolerated a regression.
 */
export function printCrossSuiteGate(gate: CrossSuiteGate, suites: number, io: CliIO): void {
  const listed = gate.regressed.map((r) => `${r.suite}/${r.system} (${r.cases.length} regressed: ${r.cases.slice(0, 5).join(', ')}${r.cases.length > 5 ? ', …' : ''})`).join('; ');
  if (gate.rule === 'no_suite_regressed') {
    if (gate.passed) say(io, paint(io, 'green', `no_suite_regressed passed: none of the ${suites} suite${suites === 1 ? '' : 's'} regressed`));
    else say(io, paint(io, 'red', `no_suite_regressed failed: ${listed}`));
    return;
  }
  if (suites < 2) return;
  const tolerated = gate.regressed.length ? `; regressions a suite's gate allowed: ${listed}` : '';
  say(io, paint(io, 'dim', `across suites: each suite's own gate applied (--no-suite-regressed fails the run on any regression in any suite)${tolerated}`));
}

/** One line on stderr, beside the report files: where the run's history record went, or why it has none. */
export function printHistoryOutcome(history: HistoryOutcome, io: CliIO): void {
  if ('file' in history) io.err(`history: ${path.relative(io.cwd, history.file) || history.file}`);
  else io.err(paint(io, 'dim', `history: not recorded: ${history.skipped}`));
}

/** An interrupted run: what it has so far, and how to finish it. */
export function printInterrupted(outcome: RunOutcome, io: CliIO): void {
  const { summary } = outcome;
  printTable(io, renderSummaryTable(summary, io.columns));
  say(
    io,
    paint(io, 'yellow', `interrupted: ${summary.systems.reduce((n, s) => n + s.results, 0)} of ${summary.planned} results written to ${path.relative(io.cwd, outcome.runDir) || outcome.runDir}`),
  );
  say(io, `finish it with: ${evalsCommand(io.env)} run --resume ${summary.runId}`);
}
