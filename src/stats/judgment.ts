// The shape of one pairwise judgment as the stats functions read it; judge/ and the
// `evals winrate` loader map their records onto it.

/** One judge's (or person's) comparison of two systems' outputs on one case. */
export interface PairwiseJudgment {
  caseId: string;
  /** System shown as A. */
  a: string;
  /** System shown as B. */
  b: string;
  /** Discrete verdict. Ignored when `preference` is given. */
  winner?: 'a' | 'b' | 'tie';
  /** Graded verdict: how much A is preferred, in [0, 1] (1 = A wins, 0.5 = tie). */
  preference?: number;
}

/**
 * A's score on this judgment in [0, 1]: 1 win, ½ tie, 0 loss, or the preference itself.
 * Throws RangeError when the judgment has neither field, or a preference outside [0, 1].
 */
export function scoreForA(judgment: PairwiseJudgment): number {
  const { preference, winner } = judgment;
  if (preference !== undefined) {
    if (!(preference >= 0 && preference <= 1)) {
      throw new RangeError(`judgment for case ${judgment.caseId}: preference must be in [0, 1], got ${preference}`);
    }
    return preference;
  }
  if (winner === 'a') return 1;
  if (winner === 'b') return 0;
  if (winner === 'tie') return 0.5;
  throw new RangeError(`judgment for case ${judgment.caseId}: needs winner (a, b, tie) or preference`);
}

/**
 * Group items by case id, the groups in case-id order: judgments.jsonl is written in the order
 * judgments finish, and a seeded bootstrap over these groups must give the same interval (and the
 * same gate verdict) for the same judgments whatever order they came in.
 */
export function groupByCase<T extends { caseId: string }>(items: readonly T[]): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(item.caseId);
    if (group) group.push(item);
    else groups.set(item.caseId, [item]);
  }
  return [...groups.entries()].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)).map(([, group]) => group);
}
