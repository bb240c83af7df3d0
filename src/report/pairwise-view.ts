// How pairwise judgments read in report.md and report.html, so both say the same thing in the same
// words as the terminal table (src/judge/render-table.ts). Records keep `a`/`b`; everything a
// reader sees is turned back into system names here.
import type { ComparisonSummary } from '../judge/summarize.js';
import { isDecided, type JudgmentRecord, type OrderVerdict, type Winner } from '../judge/types.js';
import { formatPercent } from '../format.js';
import type { ReportData } from './report-data.js';

/** `68.0% [54.2%, 79.3%]` (`*` marks a case-clustered bootstrap interval); `—` when nothing was judged. */
export function formatWinRate(c: ComparisonSummary): string {
  if (!c.n || c.winRate === null) return '—';
  return `${formatPercent(c.winRate)} [${formatPercent(c.low)}, ${formatPercent(c.high)}]${c.intervalMethod === 'bootstrap' ? '*' : ''}`;
}

/** `llm:openai:gpt-4o`, or `human (ana, bo)` with the raters pooled into the row. */
export function judgeLabel(c: ComparisonSummary): string {
  return c.raters?.length ? `${c.judge} (${c.raters.join(', ')})` : c.judge;
}

/** Mean output lengths `812/640`, rounded as the terminal shows them; `—` when unknown. */
export function formatLengths(c: ComparisonSummary): string {
  if (c.avgLengthA === undefined) return '—';
  const one = (v: number | null | undefined) => (v === null || v === undefined ? '—' : String(Math.round(v)));
  return `${one(c.avgLengthA)}/${one(c.avgLengthB)}`;
}

/** The system a verdict names, or undefined for a tie. */
function winnerSystem(record: Pick<JudgmentRecord, 'a' | 'b'>, winner: Winner): string | undefined {
  return winner === 'tie' ? undefined : winner === 'a' ? record.a : record.b;
}

/** `prompted`, `prompted (much better)`, `tie`, `inconsistent → tie`, or `judge error (timeout): …`. */
export function verdictLabel(record: JudgmentRecord): string {
  if (!isDecided(record)) return `judge error (${record.error?.kind ?? 'other'}): ${record.error?.message ?? 'no verdict'}`;
  if (record.consistent === false) return 'inconsistent → tie';
  const system = winnerSystem(record, record.winner);
  if (system === undefined) return 'tie';
  return record.strength === 'much better' ? `${system} (much better)` : system;
}

/** `candidate as A, prompted as B`: one order as the judge saw it, in system names. */
export function orderPositions(record: Pick<JudgmentRecord, 'a' | 'b'>, order: Pick<OrderVerdict, 'shownA'>): string {
  const [first, second] = order.shownA === 'a' ? [record.a, record.b] : [record.b, record.a];
  return `${first} as A, ${second} as B`;
}

/** `answered A → candidate (much better)`: the raw verdict and what it means once un-swapped. */
export function orderVerdictText(record: Pick<JudgmentRecord, 'a' | 'b'>, order: OrderVerdict): string {
  const system = winnerSystem(record, order.winner);
  const meaning = system === undefined ? 'tie' : order.strength === 'much better' ? `${system} (much better)` : system;
  return `answered ${order.verdict} → ${meaning}`;
}

/** `candidate was shown on the left`: the blind side a rater saw, for a human verdict. */
export function humanSide(record: JudgmentRecord): string | undefined {
  if (!record.shownLeft) return undefined;
  return `${record.shownLeft === 'a' ? record.a : record.b} was shown on the left`;
}

/** A judgment a reviewer should read: `a` lost, or the judge contradicted itself when the order was swapped. */
export function isLostOrInconsistent(record: JudgmentRecord): boolean {
  return isDecided(record) && (record.winner === 'b' || record.consistent === false);
}

function severity(record: JudgmentRecord): number {
  if (record.winner === 'b') return record.strength === 'much better' ? 0 : 1;
  return 2;
}

/** Lost and inconsistent judgments: strong losses, then losses, then inconsistent, each in dataset order. */
export function lostJudgments(data: ReportData): JudgmentRecord[] {
  const position = (record: JudgmentRecord) => data.cases.position(record.caseId) ?? Number.MAX_SAFE_INTEGER;
  return data.judgments.filter(isLostOrInconsistent).sort((x, y) => severity(x) - severity(y) || position(x) - position(y) || (x.repeat ?? 0) - (y.repeat ?? 0));
}

/** What the judge said, in one piece: both orders' reasoning for LLM judges, the comment for people. */
export function reasoningText(record: JudgmentRecord): string {
  if (record.orders?.length) return record.orders.map((o) => `[${orderPositions(record, o)}] ${o.reasoning}`).join('\n');
  return record.reasoning ?? record.comment ?? '';
}

/** A case's judgments grouped by the pair of outputs compared (systems and repeat), in first-seen order (reading order: ReportData.judgments). */
export function judgmentsByPair(records: readonly JudgmentRecord[]): JudgmentRecord[][] {
  const groups = new Map<string, JudgmentRecord[]>();
  for (const record of records) {
    const key = [[record.a, record.b].sort().join('\u0000'), record.repeat ?? 0].join('\u0001');
    groups.set(key, [...(groups.get(key) ?? []), record]);
  }
  return [...groups.values()];
}

/** caseId → its judgments. */
export function judgmentsByCase(records: readonly JudgmentRecord[]): Map<string, JudgmentRecord[]> {
  const byCase = new Map<string, JudgmentRecord[]>();
  for (const record of records) byCase.set(record.caseId, [...(byCase.get(record.caseId) ?? []), record]);
  return byCase;
}
