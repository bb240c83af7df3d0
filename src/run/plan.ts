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

/** The cases a run covers, in dataset order. */
export function selectCases(cases: Case[], selection: CaseSelection): Case[] {
  let selected = selection.filter ? cases.filter((c) => matches(c, selection.filter!)) : cases;
  if (selection.limit !== undefined) selected = selected.slice(0, selection.limit);
  return selected;
}
