import { isHumanJudge, isLlmJudge, type DecidedJudgment, type Winner } from './types.js';

// Inter-rater agreement on the cases two judges both judged: raw percent agreement and Cohen's
// kappa (Cohen 1960), which discounts the agreement two judges would reach by chance given how
// often each says a, b or tie.

export interface AgreementSummary {
  judges: [string, string];
  /** raters: two people; human-llm: a person and an LLM judge; judges: anything else. */
  kind: 'raters' | 'human-llm' | 'judges';
  /** Pairs both judged. */
  shared: number;
  /** Share of shared pairs with the same verdict. */
  agreement: number;
  /** Cohen's kappa; null when chance agreement is total (both always gave one same answer). */
  kappa: number | null;
}

const CATEGORIES: Winner[] = ['a', 'b', 'tie'];

/** Item identity independent of which system a judge called `a`, with the verdict turned to match. */
function normalized(judgment: DecidedJudgment): { item: string; verdict: Winner } {
  const flipped = judgment.a > judgment.b;
  const [first, second] = flipped ? [judgment.b, judgment.a] : [judgment.a, judgment.b];
  const verdict = !flipped || judgment.winner === 'tie' ? judgment.winner : judgment.winner === 'a' ? 'b' : 'a';
  return { item: [first, second, judgment.caseId, judgment.repeat ?? 0].join('\u0000'), verdict };
}

/** Cohen's kappa for two equally long lists of categorical verdicts. */
export function cohensKappa(first: readonly Winner[], second: readonly Winner[]): { agreement: number; kappa: number | null } {
  const n = first.length;
  if (n === 0 || n !== second.length) return { agreement: Number.NaN, kappa: null };
  const observed = first.filter((v, i) => v === second[i]).length / n;
  const chance = CATEGORIES.reduce((sum, c) => sum + (first.filter((v) => v === c).length / n) * (second.filter((v) => v === c).length / n), 0);
  return { agreement: observed, kappa: chance >= 1 - 1e-12 ? null : (observed - chance) / (1 - chance) };
}

function kindOf(x: string, y: string): AgreementSummary['kind'] {
  if (isHumanJudge(x) && isHumanJudge(y)) return 'raters';
  if ((isHumanJudge(x) && isLlmJudge(y)) || (isLlmJudge(x) && isHumanJudge(y))) return 'human-llm';
  return 'judges';
}

/** Agreement for every two judges (raters count individually) that share at least one pair. */
export function judgeAgreement(judgments: readonly DecidedJudgment[]): AgreementSummary[] {
  const byJudge = new Map<string, Map<string, Winner>>();
  for (const judgment of judgments) {
    const { item, verdict } = normalized(judgment);
    const items = byJudge.get(judgment.judge) ?? new Map<string, Winner>();
    items.set(item, verdict);
    byJudge.set(judgment.judge, items);
  }
  const judges = [...byJudge.keys()].sort();
  const summaries: AgreementSummary[] = [];
  for (let i = 0; i < judges.length; i++) {
    for (let j = i + 1; j < judges.length; j++) {
      const x = byJudge.get(judges[i])!;
      const y = byJudge.get(judges[j])!;
      const shared = [...x.keys()].filter((item) => y.has(item));
      if (!shared.length) continue;
      const { agreement, kappa } = cohensKappa(
        shared.map((item) => x.get(item)!),
        shared.map((item) => y.get(item)!),
      );
      summaries.push({ judges: [judges[i], judges[j]], kind: kindOf(judges[i], judges[j]), shared: shared.length, agreement, kappa });
    }
  }
  return summaries;
}
