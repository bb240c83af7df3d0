import type { Case } from '../types.js';

export interface CaseSelection {
  /** A tag, a case id, or text found in the input (case-insensitive). */
  filter?: string;
  limit?: number;
}

function matches(kase: Case, filter: string): boolean {
  const needle = filter.toLowerCase();
  if (kase.id.toLowerCase() === needle) return true;
  if (kase.tags.some((tag) => tag.toLowerCase() === needle)) return true;
  return kase.messages.some((m) => m.content.toLowerCase().includes(needle));
}

/** The cases a run covers, in dataset order, read one at a time (a dataset may hold a million). */
export function* selectCases(cases: Iterable<Case>, selection: CaseSelection): Generator<Case> {
  if (selection.limit === 0) return;
  let taken = 0;
  for (const kase of cases) {
    if (selection.filter && !matches(kase, selection.filter)) continue;
    yield kase;
    if (++taken === selection.limit) return;
  }
}
