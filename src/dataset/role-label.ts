import type { Message } from '../types.js';
import { typoDistance } from '../suggest.js';

// A PM who types `usr:` or `User -` meant a role label, but the cell then reads as one plain user
// message and the model sees the labels as text. Plain text may start that way on purpose, so this
// only ever warns. To keep prose quiet ("User interviews: …", "Uses: …"), a near miss is a single
// word right before `:` or a spaced dash, one typo from user/system (two from the long "assistant"),
// and not an English word that is that close.

type Role = Message['role'];

const ROLES: readonly Role[] = ['user', 'assistant', 'system'];
// A word, then `:` or a dash (-, – or —) followed by a space or the end of the line. `User-friendly`
// has no space after its dash, so it is not a label.
const LABEL = /^[ \t]*([A-Za-z]{2,12})[ \t]*(:|[-\u2013\u2014](?=[ \t]|$))/;
const TYPOS_ALLOWED: Record<Role, number> = { user: 1, system: 1, assistant: 2 };
// English words within those distances, which do start sentences ("Users: 40% churn").
const PROSE = new Set(['use', 'used', 'uses', 'users', 'usher', 'uber', 'ser', 'systems', 'assistants', 'assistance', 'assisting', 'resistant']);

export interface NearMissRole {
  /** The label as typed, e.g. `usr:` or `User -`. */
  written: string;
  /** The role it was probably meant to be. */
  role: Role;
}

/** The near-miss role label `line` starts with, or undefined (a real label is not a near miss). */
export function nearMissRole(line: string): NearMissRole | undefined {
  const match = LABEL.exec(line);
  if (!match) return undefined;
  const [label, word, separator] = match;
  const lower = word.toLowerCase();
  if (PROSE.has(lower)) return undefined;
  let role: Role | undefined;
  let best = Infinity;
  for (const candidate of ROLES) {
    const d = typoDistance(lower, candidate);
    if (d <= TYPOS_ALLOWED[candidate] && d < best) [role, best] = [candidate, d];
  }
  // `user:` itself is a real label; `user -` is a near miss through its separator alone.
  if (!role || (best === 0 && separator === ':')) return undefined;
  return { written: label.trim(), role };
}

/** `starts with "usr:"; did you mean "user:"?`, for a problem message. */
export function describeNearMiss(miss: NearMissRole): string {
  return `starts with "${miss.written}"; did you mean "${miss.role}:"?`;
}
