import type { PairwiseSummary } from '../judge/summarize.js';
import type { GatedWinRate, JudgeErrors } from './gate.js';

/**
 * What the gate needs from a run's judgments: per compared pair one win rate (the LLM judge's
 * when there is one, else the people's) and the judges' errors, which fail the gate like errored
 * cases do. Shared by `evals run` and `evals report`, so both gate a run the same way.
 */
export function pairwiseGateInput(summary: PairwiseSummary | undefined): { winRates: GatedWinRate[]; judgeErrors: JudgeErrors[] } {
  const winRates: GatedWinRate[] = [];
  const judgeErrors: JudgeErrors[] = [];
  const rows = summary?.comparisons ?? [];
  const pairs = new Map<string, typeof rows>();
  for (const row of rows) pairs.set(`${row.a}\u0000${row.b}`, [...(pairs.get(`${row.a}\u0000${row.b}`) ?? []), row]);
  for (const group of pairs.values()) {
    const chosen = group.find((r) => r.judge.startsWith('llm:') && r.winRate !== null) ?? group.find((r) => r.winRate !== null);
    if (chosen) winRates.push({ a: chosen.a, b: chosen.b, low: chosen.low, high: chosen.high, estimate: chosen.winRate as number });
  }
  for (const row of rows) {
    if (row.errors > 0) judgeErrors.push({ a: row.a, b: row.b, judge: row.judge, errors: row.errors, total: row.n + row.errors });
  }
  return { winRates, judgeErrors };
}
