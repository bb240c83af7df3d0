import { CHAMPION_SYSTEM, readChampionSnapshot, type ChampionEntry, type ChampionFile, type ChampionHeader } from '../store/champion-file.js';
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
  const byCase = entriesByCase(champion);
  const notInChampion: NotInChampion = { added: [], changed: [] };
  for (const kase of cases) {
    const entries = byCase.get(kase.id) ?? [];
    const missing = whyNotInChampion(entries, kase);
    if (missing) notInChampion[missing].push(kase.id);
    else for (let repeat = 0; repeat < repeats; repeat++) outputs.set(CHAMPION_SYSTEM, kase.id, repeat, entries[repeat % entries.length]);
  }
  return { header: champion.header, notInChampion };
}

/**
 * The cases of a run its kept champion has no answer for, without loading the run's outputs (for
 * reports); undefined when the run kept no champion.
 */
export function notInRunChampion(runDir: string, cases: Iterable<Pick<Case, 'id' | 'contentHash'>>): NotInChampion | undefined {
  const champion = readChampionSnapshot(runDir);
  if (!champion) return undefined;
  const byCase = entriesByCase(champion);
  const notInChampion: NotInChampion = { added: [], changed: [] };
  for (const kase of cases) {
    const missing = whyNotInChampion(byCase.get(kase.id) ?? [], kase);
    if (missing) notInChampion[missing].push(kase.id);
  }
  return notInChampion;
}

/** The champion's answers by case, in repeat order. */
function entriesByCase(champion: ChampionFile): Map<string, ChampionEntry[]> {
  const byCase = new Map<string, ChampionEntry[]>();
  for (const entry of champion.entries) byCase.set(entry.case, [...(byCase.get(entry.case) ?? []), entry]);
  for (const entries of byCase.values()) entries.sort((x, y) => x.repeat - y.repeat);
  return byCase;
}

/** Why the champion cannot answer a case (never asked it, or asked it differently), or undefined when it can. */
function whyNotInChampion(entries: readonly ChampionEntry[], kase: Pick<Case, 'contentHash'>): keyof NotInChampion | undefined {
  if (!entries.length) return 'added';
  return entries[0].caseHash !== kase.contentHash ? 'changed' : undefined;
}

/** `3 cases not in champion (added since its promotion: t11, t12; changed since: t03)`. */
export function describeNotInChampion({ added, changed }: NotInChampion): string | undefined {
  const total = added.length + changed.length;
  if (!total) return undefined;
  const list = (ids: string[]) => ids.slice(0, 10).join(', ') + (ids.length > 10 ? `, … (${ids.length - 10} more)` : '');
  const parts = [added.length ? `added since its promotion: ${list(added)}` : '', changed.length ? `changed since: ${list(changed)}` : ''].filter(Boolean);
  return `${total} case${total === 1 ? '' : 's'} not in champion (${parts.join('; ')}): not judged, neither losses nor ties`;
}

/**
 * `not judged: no champion yet (reports/toy/champion.jsonl); make one with …`: a comparison with the
 * champion in a run that started before any promotion. The terminal and the reports say it alike.
 */
export function describeNoChampion(suite: string, command: string): string {
  return `not judged: no champion yet (reports/${suite}/champion.jsonl); make one with \`${command} promote <run> --system <name>\``;
}
