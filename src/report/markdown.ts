import { runNotes } from './run-notes.js';
import { firstRows, MAX_SECTION_ROWS } from './markdown-limit.js';
import { decisionsMarkdown } from './decision-markdown.js';
import { disagreementsMarkdown } from './disagreement-markdown.js';
import { editDiffsMarkdown, type CaseDiff } from './edit-diff-markdown.js';
import { recordDiff } from './edit-diff-view.js';
import { slicesMarkdown } from './slice-markdown.js';
import type { CaseTransition, SystemRegression, Transition } from '../regression/diff-runs.js';
import { findPromptedSystem } from '../regression/prompted-system.js';
import { gateNotApplied } from '../regression/gate.js';
import { expectedBehaviour, lastUserMessage, outputText, resultsOf, truncate } from './case-view.js';
import { formatPercent, formatUsd } from '../format.js';
import { markdownCell, markdownCode, markdownInline, markdownNote } from './markdown-escape.js';
import { pairwiseLostMarkdown, pairwiseSummaryMarkdown } from './pairwise-markdown.js';
import type { ReportData } from './report-data.js';
import { formatP, formatPoints, formatRateChange } from './stat-format.js';

/** A PR comment is capped at 65,536 characters: keep the case list well inside it. */
const MAX_CASE_ROWS = 50;
const CELL_CHARS = 200;
const MAX_FLAKY_IDS = 20;

/** The cases a reviewer must look at, worst first; `new` counts when it does not pass. */
const FAILING: Array<{ transition: Transition; name: string; label: string }> = [
  { transition: 'regressed', name: 'regressed', label: '🔴 regressed' },
  { transition: 'errored', name: 'errored', label: '⚠️ errored' },
  { transition: 'still-failing', name: 'still failing', label: '✖ still failing' },
  { transition: 'new', name: 'new and failing', label: '✖ new, failing' },
];

function header(data: ReportData): string[] {
  const { gate, regression: comparison } = data.assessment;
  const notApplied = gateNotApplied(gate);
  const verdict = notApplied ? '⚪ gate not applied' : gate.passed ? '✅ gate passed' : '❌ gate failed';
  const baseline = comparison.baselineRunId ? `baseline ${markdownCode(comparison.baselineRunId)}` : 'no baseline';
  const repeats = data.summary.repeat > 1 ? ` × ${data.summary.repeat} repeats` : '';
  const lines = [`## ${verdict}: ${markdownInline(data.suite)}`, '', `run ${markdownCode(data.runId)} · ${baseline} · ${data.summary.cases} cases${repeats}`];
  if (notApplied) lines.push('', markdownInline(`The gate was not applied: ${notApplied}.`));
  if (gate.failures.length) lines.push('', ...gate.failures.map((f) => `- ${markdownNote(f)}`));
  // Which rules were in force, so a green check is never a mystery (older stored runs have none listed).
  if (gate.rules?.length) lines.push('', `gate rules: ${markdownInline(gate.rules.join(', '))}${gate.systems.length ? ` · gated: ${markdownInline(gate.systems.join(', '))}` : ''}`);
  return lines;
}

function systemTable(data: ReportData): string[] {
  const systems = data.assessment.regression.systems;
  const prompted = findPromptedSystem(systems);
  const promptedRate = prompted?.after.passRate ?? null;
  const gap = promptedRate !== null;
  const head = ['system', 'provider', 'pass rate', 'Δ', 'regressed', 'fixed', 'still failing', 'new', 'removed', 'errored', 'p (regression)'];
  if (gap) head.push(`vs ${prompted?.system}`);
  const costs = new Map(data.summary.systems.map((s) => [s.system, s.costUsd]));
  const anyCost = [...costs.values()].some((c) => c !== null && c !== undefined);
  if (anyCost) head.push('cost');
  const { shown, more } = firstRows(systems.length > MAX_SECTION_ROWS ? worstFirst(data, systems) : systems, 'systems');
  const rows = shown.map((s) => {
    const rate = formatRateChange(formatPercent(s.before.passRate), formatPercent(s.after.passRate), s.before.passRate !== null);
    const cells = [markdownCell(s.system), markdownCell(s.provider), rate, formatPoints(s.delta)];
    cells.push(...(['regressed', 'fixed', 'still-failing', 'new', 'removed', 'errored'] as Transition[]).map((t) => String(s.counts[t])));
    cells.push(formatP(s.mcnemar.pRegression, s.mcnemar.regressions + s.mcnemar.fixes));
    if (promptedRate !== null) cells.push(s === prompted || s.after.passRate === null ? '—' : formatPoints(s.after.passRate - promptedRate));
    if (anyCost) cells.push(formatUsd(costs.get(s.system)));
    return `| ${cells.join(' | ')} |`;
  });
  const skippedSystems = firstRows(
    data.summary.systems.filter((s) => s.skipped),
    'skipped systems',
  );
  const skipped = skippedSystems.shown.map((s) => `- skipped system ${markdownInline(s.system)}: ${markdownInline(s.skipped ?? '')}`);
  skipped.push(...skippedSystems.more.filter(Boolean));
  skipped.push(...runNotes(data.summary).map((note) => `- ${markdownNote(note)}`));
  const lines = [`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i < 2 ? ' --- ' : ' ---: ')).join('|')}|`, ...rows, ...more];
  if (prompted && promptedRate !== null) {
    const name = markdownInline(prompted.system);
    const code = markdownCode(prompted.system);
    lines.push(
      '',
      `The prompted system (${code}, ${markdownInline(prompted.provider)}) passes ${formatPercent(promptedRate)}; "vs ${name}" is each system's gap to it (system − ${name}): the floor a candidate must climb.`,
    );
  }
  return skipped.length ? [...lines, '', ...skipped] : lines;
}

/** When the table is cut: gated systems first, then those with the most regressions and errors. */
function worstFirst(data: ReportData, systems: readonly SystemRegression[]): SystemRegression[] {
  const gated = new Set(data.assessment.gate.systems);
  const trouble = (s: SystemRegression) => s.counts.regressed + s.counts.errored;
  return [...systems].sort((a, b) => Number(gated.has(b.system)) - Number(gated.has(a.system)) || trouble(b) - trouble(a));
}

/** Gated systems first: their failures decide the build; recorded (`column:`) systems last. */
function orderedSystems(data: ReportData): SystemRegression[] {
  const gated = new Set(data.assessment.gate.systems);
  return [...data.assessment.regression.systems].sort((a, b) => Number(gated.has(b.system)) - Number(gated.has(a.system)));
}

interface FailingRow {
  system: SystemRegression;
  c: CaseTransition;
  label: string;
}

/** Every failing case × system, regressions first, then errors, then the rest: made one at a time as they are read. */
function* failingRows(data: ReportData): Generator<FailingRow> {
  const systems = orderedSystems(data);
  for (const { transition, label } of FAILING) {
    for (const system of systems) {
      for (const c of system.cases) if (c.transition === transition && (transition !== 'new' || c.after?.status === 'fail')) yield { system, c, label };
    }
  }
}

function caseSection(data: ReportData): string[] {
  // The rows the table shows and how many of each kind: a row per failing case was held until the end.
  const rows: FailingRow[] = [];
  const perTransition = new Map<Transition, number>();
  let total = 0;
  for (const row of failingRows(data)) {
    total += 1;
    perTransition.set(row.c.transition, (perTransition.get(row.c.transition) ?? 0) + 1);
    if (rows.length < MAX_CASE_ROWS) rows.push(row);
  }
  if (!total) return [];
  const counts = FAILING.map(({ transition, name }) => ({ name, n: perTransition.get(transition) ?? 0 }))
    .filter(({ n }) => n > 0)
    .map(({ name, n }) => `${n} ${name}`);
  const lines = ['', '### Failing cases, regressions first', '', `${counts.join(', ')} (case × system)`, ''];
  lines.push('| case | system | transition | input | expected | output | why it failed |', '| --- | --- | --- | --- | --- | --- | --- |');
  for (const { system, c, label } of rows) {
    const kase = data.cases.get(c.caseId);
    const records = resultsOf(data, c.caseId, system.system);
    const output = records.find((r) => r.status !== 'pass')?.output ?? records[0]?.output;
    const cells = [
      markdownCell(c.caseId),
      markdownCell(system.system),
      label + (c.changed ? ' (row changed)' : ''),
      markdownCell(truncate(kase ? lastUserMessage(kase) : '', CELL_CHARS)),
      markdownCell(truncate(expectedBehaviour(kase, data.summary.checks), CELL_CHARS)),
      markdownCell(truncate(outputText(output), CELL_CHARS)),
      markdownCell(c.reasons.map((r) => truncate(r, CELL_CHARS)).join('\n')),
    ];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  if (total > MAX_CASE_ROWS) lines.push('', `… ${total - MAX_CASE_ROWS} more (see report.html or results.csv)`);
  return [...lines, ...editDiffsMarkdown(failingDiffs(data, rows))];
}

/** The edits the failing rows made, as the edit checks recorded them (rows without an edit have none). */
function failingDiffs(data: ReportData, rows: FailingRow[]): CaseDiff[] {
  return rows.flatMap(({ system, c }) => {
    const records = resultsOf(data, c.caseId, system.system);
    const diff = recordDiff(records.find((r) => r.status !== 'pass') ?? records[0]);
    return diff ? [{ caseId: c.caseId, system: system.system, diff }] : [];
  });
}

function flakySection(data: ReportData): string[] {
  const k = data.summary.repeat;
  if (k <= 1) return [];
  const { shown, more } = firstRows(data.assessment.regression.systems, 'systems');
  const lines = shown.map((s) => {
    // One pass over the transitions: the scored cases are counted, not listed, and the verdicts of the
    // flaky cases named are kept as they go by (a search per id was a pass each).
    const named = new Set(s.flaky.slice(0, MAX_FLAKY_IDS));
    const passes = new Map<string, number>();
    let scored = 0;
    let passedAt = 0;
    let passedHat = 0;
    for (const c of s.cases) {
      if (named.has(c.caseId) && !passes.has(c.caseId)) passes.set(c.caseId, c.after?.passes ?? 0);
      if (!c.after || c.after.status === 'error') continue;
      scored += 1;
      if (c.after.passAtK) passedAt += 1;
      if (c.after.passHatK) passedHat += 1;
    }
    const rate = (hit: number) => (scored ? hit / scored : null);
    const flaky = s.flaky.slice(0, MAX_FLAKY_IDS).map((id) => `${markdownInline(id)} (${passes.get(id) ?? 0}/${k})`);
    const more = s.flaky.length > MAX_FLAKY_IDS ? `, … ${s.flaky.length - MAX_FLAKY_IDS} more` : '';
    const list = flaky.length ? `; flaky: ${flaky.join(', ')}${more}` : '; no flaky cases';
    return `- ${markdownInline(s.system)}: pass@${k} ${formatPercent(rate(passedAt))}, pass^${k} ${formatPercent(rate(passedHat))}${list}`;
  });
  return ['', `### Repeats (${k} per case)`, '', ...lines, ...more];
}

/**
 * report.md: the run against its baseline in a form that fits a PR comment and
 * `$GITHUB_STEP_SUMMARY`: gate verdict, per-system numbers, win rates when comparisons were judged,
 * warnings, then the failing cases with regressions first and the pairwise cases lost. Every dataset
 * value, model output and judge's reasoning is escaped.
 */
export function renderMarkdown(data: ReportData): string {
  const warnings = data.assessment.warnings.map((w) => `- ⚠️ ${markdownNote(w)}`);
  const lines = [
    ...header(data),
    '',
    ...systemTable(data),
    ...decisionsMarkdown(data),
    ...slicesMarkdown(data),
    ...pairwiseSummaryMarkdown(data),
    ...(warnings.length ? ['', ...warnings] : []),
    ...disagreementsMarkdown(data),
    ...caseSection(data),
    ...pairwiseLostMarkdown(data),
    ...flakySection(data),
  ];
  return lines.join('\n') + '\n';
}
