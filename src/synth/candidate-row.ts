import { buildCases } from '../dataset/build-cases.js';
import { parseConversation } from '../dataset/conversation.js';
import { normalizeDateTime } from '../dataset/time.js';
import type { LoadedSuite } from '../suite/load.js';
import { singleVariable, templateVariables } from '../template.js';
import type { Case } from '../types.js';
import { describeCheck, recordableChecks, scoreRecorded, type RecordedScore } from '../validate/score-recorded.js';
import type { Proposal } from './parse-proposal.js';
import type { PlannedSlot } from './plan.js';

// A proposal becomes a row of the sheet's own columns, then passes what `evals validate` would ask of
// it (the loader's rules for inputs and labels, and the ideal's self-test against the suite's checks)
// before it can be kept. A row that fails is turned away with the reason, and the model asked again.

const REVIEW_COLUMN = 'review';
const AXES_COLUMN = 'synth_axes';

/** What a PM should check in a proposed row: what the model chose for it beyond the conversation. */
function reviewNote(context: RowContext): string {
  const label = context.labelColumns.length > 0;
  const ideal = context.idealColumn !== undefined;
  const what = label && ideal ? 'the label and ideal' : label ? 'the label' : ideal ? 'the ideal' : 'the case';
  return `proposed by synth: check ${what}`;
}

/** The columns the loader reads as yes/no for this suite: `labels:` and the checks' `expect`, `if` and `label`. */
export function loaderLabelColumns(suite: LoadedSuite): string[] {
  const columns = new Set(suite.config.labels ?? []);
  for (const check of suite.config.checks) {
    for (const key of ['expect', 'if', 'label']) {
      const name = typeof check[key] === 'string' ? singleVariable(check[key] as string) : undefined;
      if (name) columns.add(name);
    }
  }
  return [...columns].filter((column) => suite.dataset.columns.includes(column));
}

/** Sheet columns a check reads through `{{column}}` besides the labels and the ideal: the model fills them too. */
export function checkedColumns(suite: LoadedSuite, exclude: string[]): string[] {
  const used = new Set(suite.config.checks.flatMap((check) => templateVariables(JSON.stringify(check))));
  return suite.dataset.columns.filter((column) => used.has(column) && !exclude.includes(column) && column !== 'input');
}

/** The output's header: the sheet's columns, then the review note and the row's axes. */
export function outputColumns(suite: LoadedSuite): string[] {
  return [...suite.dataset.columns.filter((c) => c !== REVIEW_COLUMN && c !== AXES_COLUMN), REVIEW_COLUMN, AXES_COLUMN];
}

/** The `input` cell: plain text for one user turn (as PMs type it), `user:`/`assistant:` blocks otherwise. */
function inputCell(turns: Proposal['turns']): string {
  if (turns.length === 1) {
    const parsed = parseConversation(turns[0].content);
    const plain = 'messages' in parsed && !parsed.warnings && parsed.messages.length === 1 && parsed.messages[0].role === 'user';
    if (plain) return turns[0].content.trim();
  }
  return turns.map((turn) => `${turn.role}: ${turn.content.trim()}`).join('\n');
}

export interface RowContext {
  suite: LoadedSuite;
  columns: string[];
  labelColumns: string[];
  idealColumn?: string;
  extraColumns: string[];
  /** The output file as written, for the rows' locations. */
  file: string;
  seed: number;
}

/** The row's cells by column name. */
export function rowCells(context: RowContext, planned: PlannedSlot, proposal: Proposal): Record<string, string> {
  const cells: Record<string, string> = Object.fromEntries(context.columns.map((column) => [column, '']));
  cells.input = inputCell(proposal.turns);
  if ('id' in cells) cells.id = `synth-${context.seed}-${planned.slot + 1}`;
  for (const column of context.labelColumns) cells[column] = proposal.labels[column] ?? '';
  for (const column of context.extraColumns) cells[column] = proposal.columns[column] ?? '';
  if (context.idealColumn) cells[context.idealColumn] = proposal.idealBehavior ?? '';
  if ('why' in cells) cells.why = proposal.why;
  if ('tags' in cells) cells.tags = 'synth';
  cells[REVIEW_COLUMN] = reviewNote(context);
  cells[AXES_COLUMN] = Object.entries(planned.axes)
    .map(([name, value]) => `${name}: ${value}`)
    .join('; ');
  return cells;
}

/** The row as a case, or why the loader or the self-test would refuse it. */
export async function checkRow(context: RowContext, cells: Record<string, string>, row: number): Promise<{ case: Case } | { problem: string }> {
  const { suite } = context;
  const built = buildCases(
    { format: 'csv', file: context.file, source: context.file, header: context.columns, rows: [{ row, cells: context.columns.map((c) => cells[c]) }], problems: [] },
    { labelColumns: context.labelColumns, now: suite.config.now === undefined ? undefined : normalizeDateTime(suite.config.now), timezone: suite.config.timezone },
  );
  if (built.problems.length || built.cases.length !== 1) return { problem: built.problems.map((p) => `${p.column ? `column "${p.column}": ` : ''}${p.message}`).join('; ') || 'not a case' };
  const [kase] = built.cases;
  if (context.idealColumn && cells[context.idealColumn].trim()) {
    let score: RecordedScore | undefined;
    for await (const scored of scoreRecorded({ ...suite, dataset: { ...suite.dataset, cases: [kase] } }, context.idealColumn, recordableChecks(suite))) score = scored;
    if (score && score.failed.length) return { problem: `the ideal behaviour fails ${score.failed.map((r) => `${describeCheck(r.spec)}: ${r.reason}`).join('; ')}` };
  }
  return { case: kase };
}
