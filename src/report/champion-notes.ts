import { describeNoChampion, describeNotInChampion, notInRunChampion } from '../judge/champion-outputs.js';
import { evalsCommand } from '../invoked-as.js';
import { namesChampion } from '../store/champion-file.js';
import type { RunMeta } from '../store/run-dir.js';
import type { Case } from '../types.js';

// A comparison with the champion judges only the cases the champion answered: a report must say
// which it could not (added to the sheet, or their question edited, since the promotion), or that
// there was no champion yet, or its win rate reads as if over every case. Worked out again from
// the run folder (its cases and its copy of champion.jsonl), so `evals report` later says the same,
// in the terminal's words.

/**
 * One line per `compare:` entry naming the champion that left cases unjudged:
 * `candidate vs champion: 3 cases not in champion (added since its promotion: t11, t12; changed since: t03): …`.
 */
export function championNotes(runDir: string, meta: Pick<RunMeta, 'suite' | 'compare'>, cases: Iterable<Pick<Case, 'id' | 'contentHash'>>): string[] {
  const comparisons = meta.compare.filter(namesChampion);
  if (!comparisons.length) return [];
  const notInChampion = notInRunChampion(runDir, cases);
  const note = notInChampion ? describeNotInChampion(notInChampion) : describeNoChampion(meta.suite, evalsCommand());
  return note ? comparisons.map((c) => `${c.a} vs ${c.b}: ${note}`) : [];
}
