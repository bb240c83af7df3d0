import { createRandom, type Random } from '../stats/random.js';

// Which kind of case each requested row should be, decided before any model is asked, so diversity is
// designed rather than hoped for. Every axis is balanced on its own (its values' counts differ by at most
// one: a Latin hypercube over the axes), and the seed shuffles how the axes pair up. The same suite,
// n and seed always give the same plan, which is what makes a run resumable.

export interface Axis {
  name: string;
  values: string[];
}

/** The axes every suite gets; `language` is set by --languages and `label`/`boundary` only for labelled suites. */
const BASE_AXES: Axis[] = [
  {
    name: 'persona',
    values: ['a busy professional typing quickly', 'a student', 'someone new to technology', 'a developer', 'a non-native speaker', 'a manager planning for a team'],
  },
  { name: 'length', values: ['a few words', 'one or two sentences', 'a detailed paragraph'] },
  { name: 'phrasing', values: ['a direct request', 'an indirect or implied request', 'a question', 'informal, with a typo or slang', 'polite and wordy'] },
  { name: 'turns', values: ['single-turn', 'multi-turn'] },
];

const BOUNDARY_AXIS: Axis = { name: 'boundary', values: ['a clear case', 'near the decision boundary'] };

export const DEFAULT_LANGUAGES = ['English', 'Spanish', 'French', 'German'];

/** One requested row: its place in the plan and the value of each axis (`label` is "yes"/"no" when planned). */
export interface PlannedSlot {
  slot: number;
  axes: Record<string, string>;
}

export interface PlanOptions {
  n: number;
  seed: number;
  languages: string[];
  /** The decision label column whose yes/no is balanced across the plan, for labelled suites. */
  labelColumn?: string;
}

/** The axes this plan uses, in the order they are shown to the model and in the report. */
export function planAxes(options: Pick<PlanOptions, 'languages' | 'labelColumn'>): Axis[] {
  const axes = [...BASE_AXES, { name: 'language', values: options.languages }];
  if (options.labelColumn !== undefined) axes.push({ name: 'label', values: ['yes', 'no'] }, BOUNDARY_AXIS);
  return axes;
}

/** Fisher–Yates with the plan's generator. */
function shuffle<T>(items: T[], random: Random): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = random.nextInt(i + 1);
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

/** `n` values of one axis, each value used ⌊n/k⌋ or ⌈n/k⌉ times, in a seeded order. */
function balancedColumn(axis: Axis, n: number, random: Random): string[] {
  // Which values get the extra uses when k does not divide n is part of the shuffle too.
  const extra = shuffle([...axis.values], random).slice(0, n % axis.values.length);
  const column: string[] = [];
  for (const value of axis.values) {
    const uses = Math.floor(n / axis.values.length) + (extra.includes(value) ? 1 : 0);
    for (let i = 0; i < uses; i++) column.push(value);
  }
  return shuffle(column, random);
}

/** The plan: one slot per requested row. */
export function planSlots(options: PlanOptions): PlannedSlot[] {
  const random = createRandom(options.seed);
  const columns = planAxes(options).map((axis) => ({ name: axis.name, values: balancedColumn(axis, options.n, random) }));
  return Array.from({ length: options.n }, (_, slot) => ({ slot, axes: Object.fromEntries(columns.map((column) => [column.name, column.values[slot]])) }));
}
