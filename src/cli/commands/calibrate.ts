import path from 'node:path';
import { graderAgreementGate } from '../../calibration/agreement-gate.js';
import { calibrateRun, type RubricCalibration } from '../../calibration/calibrate-run.js';
import { KAPPA_METHOD, writeCalibration } from '../../calibration/calibration-file.js';
import { ConfigurationError } from '../../errors.js';
import { EXIT } from '../../exit-codes.js';
import { formatPercent } from '../../format.js';
import { resolveRunDir } from '../../store/read-run.js';
import { readRunMeta } from '../../store/run-dir.js';
import type { CheckSpec } from '../../types.js';
import { say } from '../fit-output.js';
import { paint, type CliIO } from '../io.js';

export interface CalibrateCommandOptions {
  json?: boolean;
  /** Save calibration.json even from a run of part of the suite (--filter, --limit, --shard). */
  save?: boolean;
  /** The system whose outputs the sheet's human verdicts are about (default: the run's first column: system). */
  system?: string;
}

/**
 * How a run covered only part of the suite (`--filter "x"`, `--limit 10`, `--shard 1/4`), or undefined
 * for a whole run. calibration.json speaks for the suite's grader from then on (later runs are marked,
 * and gated, by it), so a part's labels replace the whole's only when asked (`--save`).
 */
function partOfSuite(meta: { filter: string | null; limit: number | null; shard: string | null }): string | undefined {
  const parts = [meta.filter !== null ? `--filter ${JSON.stringify(meta.filter)}` : '', meta.limit !== null ? `--limit ${meta.limit}` : '', meta.shard !== null ? `--shard ${meta.shard}` : ''].filter(
    Boolean,
  );
  return parts.length ? parts.join(' ') : undefined;
}

function kappaText(value: number | null): string {
  return value === null ? '—' : value.toFixed(2);
}

function quoted(text: string | undefined): string {
  return text ? JSON.stringify(text.length > 200 ? `${text.slice(0, 199)}…` : text) : '(no reason given)';
}

function printCalibration(c: RubricCalibration, io: CliIO): void {
  say(io, paint(io, 'bold', `rubric ${c.rubric}`) + paint(io, 'dim', `  grader ${c.grader}, outputs of ${c.system ?? '—'}, run ${c.runId}`));
  if (c.n === 0) {
    say(io, '  no labelled outputs');
    return;
  }
  const interval = c.kappa === null ? ' (undefined: grader and people each gave one verdict only)' : ` [95% ${kappaText(c.low)}, ${kappaText(c.high)}]`;
  say(io, `  labelled ${c.n}, accuracy ${formatPercent(c.accuracy)}, Cohen's kappa ${kappaText(c.kappa)}${interval}`);
  const t = c.confusion;
  const width = Math.max(4, ...[t.passPass, t.passFail, t.failPass, t.failFail].map((n) => String(n).length));
  const cell = (n: number) => String(n).padStart(width + 7);
  io.out(`  ${''.padEnd(12)}${'people pass'.padStart(width + 7)}${'people fail'.padStart(width + 7)}`);
  io.out(`  ${'grader pass'.padEnd(12)}${cell(t.passPass)}${cell(t.passFail)}`);
  io.out(`  ${'grader fail'.padEnd(12)}${cell(t.failPass)}${cell(t.failFail)}`);
  if (!c.disagreementCount) return;
  const shown = c.disagreements.slice(0, TERMINAL_DISAGREEMENTS);
  const which = shown.length < c.disagreementCount ? ` (the first ${shown.length} by case; --json lists ${c.disagreements.length})` : '';
  say(io, `  ${c.disagreementCount} disagreement${c.disagreementCount === 1 ? '' : 's'}${which}:`);
  for (const d of shown) {
    say(io, `    ${d.caseId}: grader ${d.grader}: ${quoted(d.graderReason)}; people ${d.human}: ${quoted(d.humanReason)}`);
  }
}

/** Disagreements printed per rubric: enough to read, where thousands would scroll the numbers away. */
const TERMINAL_DISAGREEMENTS = 50;

/**
 * `evals calibrate <suite|run>`: each rubric's grader against people's labels in the run's cases:
 * accuracy, Cohen's kappa with its 95% interval, the 2×2 table and the disagreements. Saves
 * reports/<suite>/calibration.json for later runs; exits 1 when the suite's min_grader_agreement fails.
 */
export async function calibrateCommand(reference: string, options: CalibrateCommandOptions, io: CliIO): Promise<number> {
  const reportsDir = path.join(io.cwd, 'reports');
  const runDir = resolveRunDir(reference, reportsDir, io.cwd);
  const meta = readRunMeta(runDir);
  const calibrations = await calibrateRun(runDir, { system: options.system });
  if (!calibrations.length) throw new ConfigurationError(`${reference}: the run has no rubric check to calibrate`);
  if (calibrations.every((c) => c.n === 0)) {
    throw new ConfigurationError(
      `${reference}: no labelled outputs: label them with evals judge ${reference} --human, or put pass or fail in a human_verdict column (human_verdict:<name> when the suite has several rubrics) for the outputs of ${calibrations[0].system ?? 'a recorded (column:) system'}, run the suite, then calibrate that run${calibrations[0].system ? '' : ' (or name the system with --system)'}`,
    );
  }
  const part = partOfSuite(meta);
  const saved = part && !options.save ? undefined : writeCalibration(path.join(path.dirname(runDir), '..'), meta.suite, calibrations);
  const notSaved = saved ? undefined : `not saved: run ${meta.runId} covered part of the suite (${part}); calibrate a run of the whole suite, or pass --save to keep this one`;
  const gate = meta.gate.min_grader_agreement === undefined ? undefined : graderAgreementGate(meta.suite, (meta.checks ?? []) as CheckSpec[], meta.gate.min_grader_agreement, calibrations, {});
  if (options.json) {
    io.out(
      JSON.stringify(
        {
          suite: meta.suite,
          runId: meta.runId,
          method: KAPPA_METHOD,
          rubrics: calibrations,
          saved: saved ? path.relative(io.cwd, saved) : null,
          ...(notSaved ? { notSaved } : {}),
          ...(gate ? { gate } : {}),
        },
        null,
        2,
      ),
    );
  } else {
    say(io, paint(io, 'bold', meta.suite) + paint(io, 'dim', `  ${KAPPA_METHOD}`));
    for (const c of calibrations) printCalibration(c, io);
    say(io, saved ? `saved: ${path.relative(io.cwd, saved)}` : paint(io, 'yellow', notSaved!));
    for (const failure of gate?.failures ?? []) say(io, paint(io, 'red', `gate failed: ${failure}`));
    if (gate && !gate.failures.length) say(io, paint(io, 'green', `gate passed: ${gate.rules.join(', ')}`));
  }
  return gate?.failures.length ? EXIT.gateFailed : EXIT.ok;
}
