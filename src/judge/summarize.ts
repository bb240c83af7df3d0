import { bradleyTerry, type SystemRating } from '../stats/bradley-terry.js';
import { mean } from '../stats/describe.js';
import { computeWinRate } from '../stats/win-rate.js';
import { judgeAgreement, type AgreementSummary } from './agreement.js';
import { latestJudgments, toPairwiseJudgment } from './judgments-store.js';
import { comparisonJudge, inReadingOrder, type ListedComparison } from './judgment-order.js';
import { isDecided, isHumanJudge, type DecidedJudgment, type JudgmentRecord } from './types.js';

// Judgments → the numbers every report shows. Plain data (no NaN: unknowns are null) so it
// serializes to JSON as it is and renderers only format.

/** One pair of systems as one judge saw it; every number is from `a`'s side. */
export interface ComparisonSummary {
  a: string;
  b: string;
  /** `llm:<provider>`, `human` (every rater pooled), or the judge an imported file named. */
  judge: string;
  /** Human raters pooled into this row. */
  raters?: string[];
  /** Judgments with a verdict. */
  n: number;
  /** Distinct cases among them; fewer than n means repeats or several raters. */
  cases: number;
  wins: number;
  losses: number;
  ties: number;
  /** Wins and losses the judge called "much better". */
  strongWins: number;
  strongLosses: number;
  /** (wins + ties/2) / n; null when nothing was judged. */
  winRate: number | null;
  /** 95% interval: Wilson, or a case-clustered bootstrap when cases repeat. */
  low: number;
  high: number;
  intervalMethod: 'wilson' | 'bootstrap';
  /** Pairs the judge could not judge (after retries): not counted anywhere else. */
  errors: number;
  /** LLM judges: pairs whose two orders agreed, of those judged. Inconsistent pairs count as ties. */
  consistent?: number;
  consistencyRate?: number | null;
  /** Mean output length (characters) over the judged pairs: verbosity bias shows here. */
  avgLengthA?: number | null;
  avgLengthB?: number | null;
}

export interface RatingsSummary {
  judge: string;
  /** Best first. */
  ratings: SystemRating[];
}

export interface PairwiseSummary {
  comparisons: ComparisonSummary[];
  /** Bradley–Terry ratings per judge, when it compared three or more systems. */
  ratings: RatingsSummary[];
  /** Between raters, and between humans and LLM judges, on the pairs both judged. */
  agreement: AgreementSummary[];
  /** Judgments recorded (latest per judge and pair). */
  judgments: number;
  errors: number;
}

/** Length of a system's output for one case and repeat, when known (from results.jsonl). */
type LengthLookup = (system: string, caseId: string, repeat: number) => number | undefined;

export interface SummarizeOptions {
  lengths?: LengthLookup;
  /** Bootstrap seed and resamples: the same judgments always give the same table. */
  seed?: number;
  iterations?: number;
  /** The run's `compare:` entries (run.json): the rows come in this order, then any not listed, by name. */
  compare?: readonly ListedComparison[];
}

function finite(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

interface Group {
  a: string;
  b: string;
  judge: string;
  records: JudgmentRecord[];
}

/** Records in reading order (judgment-order.ts) → one group per row, in that order; a row's `a` is its first record's. */
function groupComparisons(records: readonly JudgmentRecord[]): Group[] {
  const groups = new Map<string, Group>();
  for (const record of records) {
    const judge = comparisonJudge(record.judge);
    const [x, y] = [record.a, record.b].sort();
    const key = [judge, x, y].join('\u0000');
    const group = groups.get(key) ?? { a: record.a, b: record.b, judge, records: [] };
    group.records.push(record);
    groups.set(key, group);
  }
  return [...groups.values()];
}

function averageLength(lengths: LengthLookup | undefined, system: string, judged: readonly DecidedJudgment[]): number | null | undefined {
  if (!lengths) return undefined;
  const values = judged.map((j) => lengths(system, j.caseId, j.repeat ?? 0)).filter((v): v is number => v !== undefined);
  return values.length ? mean(values) : null;
}

function summarizeComparison(group: Group, options: SummarizeOptions): ComparisonSummary {
  const decided = group.records.filter(isDecided);
  const { a, b, judge } = group;
  const rate = computeWinRate(decided.map(toPairwiseJudgment), { system: a, seed: options.seed, iterations: options.iterations });
  const fromA = (j: DecidedJudgment) => (j.a === a ? j.winner : j.winner === 'a' ? 'b' : j.winner === 'b' ? 'a' : 'tie');
  const strong = decided.filter((j) => j.strength === 'much better');
  const withOrders = decided.filter((j) => j.consistent !== undefined);
  const raters = [...new Set(decided.filter((j) => isHumanJudge(j.judge)).map((j) => j.judge.slice('human:'.length)))].sort();
  return {
    a,
    b,
    judge,
    ...(raters.length ? { raters } : {}),
    n: rate.n,
    cases: rate.cases,
    wins: rate.wins,
    losses: rate.losses,
    ties: rate.ties,
    strongWins: strong.filter((j) => fromA(j) === 'a').length,
    strongLosses: strong.filter((j) => fromA(j) === 'b').length,
    winRate: finite(rate.winRate),
    low: rate.interval.low,
    high: rate.interval.high,
    intervalMethod: rate.intervalMethod,
    errors: group.records.length - decided.length,
    ...(withOrders.length ? { consistent: withOrders.filter((j) => j.consistent).length, consistencyRate: withOrders.filter((j) => j.consistent).length / withOrders.length } : {}),
    ...(options.lengths ? { avgLengthA: averageLength(options.lengths, a, decided), avgLengthB: averageLength(options.lengths, b, decided) } : {}),
  };
}

function ratingsPerJudge(decided: readonly DecidedJudgment[], options: SummarizeOptions): RatingsSummary[] {
  const byJudge = new Map<string, DecidedJudgment[]>();
  for (const judgment of decided) {
    const judge = comparisonJudge(judgment.judge);
    byJudge.set(judge, [...(byJudge.get(judge) ?? []), judgment]);
  }
  const summaries: RatingsSummary[] = [];
  for (const [judge, judgments] of byJudge) {
    const systems = new Set(judgments.flatMap((j) => [j.a, j.b]));
    if (systems.size < 3) continue;
    const result = bradleyTerry(judgments.map(toPairwiseJudgment), { seed: options.seed, iterations: options.iterations });
    summaries.push({ judge, ratings: result.ratings });
  }
  return summaries;
}

/**
 * Win rates, consistency, verbosity, ratings and agreement from recorded judgments. Use for
 * every place judgments are shown (terminal, reports, `evals winrate --json`). Judgments are
 * reduced to the latest per judge and pair first, so re-judging never double-counts, then put in
 * reading order, so the same judgments give the same summary whatever order they finished in.
 */
export function summarizeJudgments(records: readonly JudgmentRecord[], options: SummarizeOptions = {}): PairwiseSummary {
  const latest = inReadingOrder(latestJudgments(records), options.compare);
  const decided = latest.filter(isDecided);
  return {
    comparisons: groupComparisons(latest).map((group) => summarizeComparison(group, options)),
    ratings: ratingsPerJudge(decided, options),
    agreement: judgeAgreement(decided),
    judgments: latest.length,
    errors: latest.length - decided.length,
  };
}
