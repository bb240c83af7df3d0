import { CHAMPION_SYSTEM, readChampionSnapshot, type ChampionEntry, type ChampionHeader } from '../store/champion-file.js';
import type { Case, Output } from '../types.js';

/** Where the champion's outputs go (run-pairs.ts's RunOutputs). */
interface OutputSink {
  set(system: string, caseId: string, repeat: number, output: Pick<Output, 'text' | 'toolCalls'>): void;
}

// The champion as one more system of a stored run: its saved outputs (the run's copy of
// champion.jsonl) answer the pairs, and no model is called for them. A case the champion never saw
// (added since its promotion) or saw asked differently (its question's hash changed) has no champion
// output: it is "not in champion", counted and shown, never a loss or a tie.

/** Cases of a run the champion has no answer for. */
export interface NotInChampion {
  /** Added to the dataset since the promotion. */
  added: string[];
  /** Same id, but the question changed since the promotion. */
  changed: string[];
}

export interface RunChampion {
  header: ChampionHeader;
  notInChampion: NotInChampion;
}

/**
 * Add the champion's outputs to a run's outputs under the name `champion`, for every repeat of the
 * run (a champion saved with fewer repeats answers repeat r with its repeat r mod k). Undefined when
 * the run kept no champion (none was promoted when it started).
 */
export function addChampionOutputs(runDir: string, cases: readonly Case[], repeats: number, outputs: OutputSink): RunChampion | undefined {
  const champion = readChampionSnapshot(runDir);
  if (!champion) return undefined;
  const byCase = new Map<string, ChampionEntry[]>();
  for (const entry of champion.entries) byCase.set(entry.case, [...(byCase.get(entry.case) ?? []), entry]);
  const notInChampion: NotInChampion = { added: [], changed: [] };
  for (const kase of cases) {
    const entries = (byCase.get(kase.id) ?? []).sort((x, y) => x.repeat - y.repeat);
    if (!entries.length) notInChampion.added.push(kase.id);
    else if (entries[0].caseHash !== kase.contentHash) notInChampion.changed.push(kase.id);
    else for (let repeat = 0; repeat < repeats; repeat++) outputs.set(CHAMPION_SYSTEM, kase.id, repeat, entries[repeat % entries.length]);
  }
  return { header: champion.header, notInChampion };
}

/** `3 cases not in champion (added since its promotion: t11, t12; changed since: t03)`. */
export function describeNotInChampion({ added, changed }: NotInChampion): string | undefined {
  const total = added.length + changed.length;
  if (!total) return undefined;
  const list = (ids: string[]) => ids.slice(0, 10).join(', ') + (ids.length > 10 ? `, … (${ids.length - 10} more)` : '');
  const parts = [added.length ? `added since its promotion: ${list(added)}` : '', changed.length ? `changed since: ${list(changed)}` : ''].filter(Boolean);
  return `${total} case${total === 1 ? '' : 's'} not in champion (${parts.join('; ')}): not judged, neither losses nor ties`;
}
