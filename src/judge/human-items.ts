import { createHash } from 'node:crypto';
import { ConfigurationError } from '../errors.js';
import type { Case, Message } from '../types.js';
import type { RubricItem } from './rubric-items.js';
import { judgmentKey } from './judgments-store.js';
import type { PairToJudge } from './llm-judge.js';
import { renderRubric } from './judge-prompt.js';
import { formatToolCall } from './render-output.js';
import { showControls } from '../text/visible-controls.js';
import { renderOutputMarkdown } from './render-markdown.js';
import { comparisonPairs, readRubric, type JudgeableRun } from './run-pairs.js';
import { humanJudgeName } from './types.js';

// What a human rater judges: every pair of every comparison in the run, each with an opaque id
// (so the page never carries system names) and a left/right order that is random but fixed
// per rater and pair, so a reload shows the same sides.

export interface HumanItem {
  /** Opaque: a hash, never a system name. */
  id: string;
  pair: PairToJudge;
  rubric?: string;
}

/** One side as the page shows it: no system name. */
interface ShownOutput {
  text: string;
  /** The text's markdown rendered to sanitized HTML (src/judge/render-markdown.ts). */
  html: string;
  toolCalls: string[];
}

/** One item as the page receives it. */
export interface ItemView {
  kind: 'pair';
  id: string;
  conversation: Message[];
  guidance: Array<{ label: string; text: string }>;
  left: ShownOutput;
  right: ShownOutput;
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Every pair to judge, case-major, from every `compare:` block of the run (whatever its judge). */
export async function humanItems(run: JudgeableRun, rubricItemCount = 0): Promise<HumanItem[]> {
  if (!run.meta.compare.length && rubricItemCount === 0) {
    throw new ConfigurationError([
      {
        file: run.meta.suiteFile,
        column: 'compare',
        message: `the run has no comparisons to judge; add e.g. "compare: [{ a: candidate, b: prompted, judge: human }]" to the suite and run it again (or a rubric check, whose graded outputs people can label here)`,
      },
    ]);
  }
  const items: HumanItem[] = [];
  const seen = new Set<string>();
  for (const comparison of run.meta.compare) {
    const rubric = await readRubric(comparison, run.root, run.meta.suiteFile);
    for (const pair of comparisonPairs(comparison, run.cases, run.meta.repeat, run.outputs)) {
      const id = hash(judgmentKey({ judge: '', a: pair.a, b: pair.b, caseId: pair.case.id, repeat: pair.repeat })).slice(0, 16);
      // The same pair under an LLM judge and a human judge is one item for a person.
      if (!seen.has(id)) items.push({ id, pair, rubric });
      seen.add(id);
    }
  }
  // Case-major across comparisons, so one conversation is read once for all its pairs in a row.
  const order = new Map(run.cases.map((c, i) => [c.id, i]));
  return items.sort((x, y) => order.get(x.pair.case.id)! - order.get(y.pair.case.id)! || x.pair.repeat - y.pair.repeat);
}

/** Which system this rater sees on the left for this item: a coin flip seeded by rater and pair. */
export function shownLeft(rater: string, item: HumanItem): 'a' | 'b' {
  const first = parseInt(hash(`${rater}\u0000${item.id}`).slice(0, 8), 16);
  return first % 2 === 0 ? 'a' : 'b';
}

/** The key under which this rater's judgment of the item is stored. */
export function raterKey(rater: string, item: HumanItem): string {
  const { pair } = item;
  return judgmentKey({ judge: humanJudgeName(rater), a: pair.a, b: pair.b, caseId: pair.case.id, repeat: pair.repeat });
}

// The page inserts conversations, guidance and tool calls as text: a control or bidi character in them
// (Trojan Source) is sent as the text `<U+202E>`, so it shows and cannot reorder what the rater reads.
// An output's markdown is rendered with its controls marked (render-markdown.ts).
function shownOutput(output: PairToJudge['outputA']): ShownOutput {
  return { text: output.text, html: renderOutputMarkdown(output.text), toolCalls: output.toolCalls.map((call) => showControls(formatToolCall(call))) };
}

function shownConversation(messages: Message[]): Message[] {
  return messages.map((message) => ({ ...message, content: showControls(message.content) }));
}

function shownGuidance(guidance: Array<{ label: string; text: string }>): Array<{ label: string; text: string }> {
  return guidance.map((entry) => ({ ...entry, text: showControls(entry.text) }));
}

const GUIDANCE_COLUMNS: Array<[string, string]> = [
  ['ideal_behavior', 'Ideal behaviour'],
  ['why', 'Why'],
  ['notes', 'Notes'],
];

/** The item as this rater sees it: sides in their seeded order, rubric and case notes, no names. */
export function itemView(rater: string, item: HumanItem): ItemView {
  const { pair } = item;
  const show = (output: PairToJudge['outputA']): ShownOutput => shownOutput(output);
  const [left, right] = shownLeft(rater, item) === 'a' ? [pair.outputA, pair.outputB] : [pair.outputB, pair.outputA];
  const columns = pair.case.columns;
  const guidance = [
    ...(item.rubric !== undefined ? [{ label: 'Rubric', text: renderRubric(item.rubric, pair.case) }] : []),
    ...GUIDANCE_COLUMNS.filter(([column]) => columns[column]?.trim()).map(([column, label]) => ({ label, text: columns[column].trim() })),
  ];
  return { kind: 'pair', id: item.id, conversation: shownConversation(pair.case.messages), guidance: shownGuidance(guidance), left: show(left), right: show(right) };
}

/** A rubric item as the page receives it: one output, the rubric, no system name and nothing of the grader's verdict. */
export interface RubricItemView {
  kind: 'rubric';
  id: string;
  conversation: Message[];
  guidance: Array<{ label: string; text: string }>;
  output: ShownOutput;
}

export function rubricItemView(item: RubricItem, kase: Case): RubricItemView {
  const columns = kase.columns;
  const guidance = [
    { label: `Rubric (${item.rubric})`, text: item.rubricText },
    ...GUIDANCE_COLUMNS.filter(([column]) => columns[column]?.trim()).map(([column, label]) => ({ label, text: columns[column].trim() })),
  ];
  return { kind: 'rubric', id: item.id, conversation: shownConversation(kase.messages), guidance: shownGuidance(guidance), output: shownOutput(item.output) };
}

/** The key under which this rater's label of a rubric item is stored. */
export function rubricRaterKey(rater: string, item: Pick<RubricItem, 'caseId' | 'system' | 'repeat' | 'rubric'>): string {
  return ['rubric', rater, item.rubric, item.system, item.caseId, item.repeat].join('\u0000');
}
