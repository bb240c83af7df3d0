import { createRandom, type Random } from './random.js';

// Seeded, stratified selection shared by `evals export --split` and `evals import --sample`: every
// stratum (a label's value, a column's value) keeps its share, and the same seed picks the same items
// on every machine. Within a stratum items are shuffled (Fisher–Yates on the seeded generator) and cut.

function shuffled<T>(items: readonly T[], random: Random): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = random.nextInt(i + 1);
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

/** Items grouped by stratum, strata in sorted order so the result does not depend on input order of first appearance. */
function strata<T>(items: readonly T[], stratumOf: (item: T) => string): Array<[string, T[]]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = stratumOf(item);
    const group = groups.get(key) ?? [];
    group.push(item);
    groups.set(key, group);
  }
  return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Split into train and validation, `trainShare` of each stratum to train (rounded), so each label keeps
 * its balance in both files. Items keep their input order within each side.
 */
export function stratifiedSplit<T>(items: readonly T[], stratumOf: (item: T) => string, trainShare: number, seed: number): { train: T[]; validation: T[] } {
  const random = createRandom(seed);
  const inTrain = new Set<T>();
  for (const [, group] of strata(items, stratumOf)) {
    const count = Math.round(group.length * trainShare);
    for (const item of shuffled(group, random).slice(0, count)) inTrain.add(item);
  }
  return { train: items.filter((item) => inTrain.has(item)), validation: items.filter((item) => !inTrain.has(item)) };
}

/**
 * `n` items (all of them when there are fewer), each stratum getting its proportional share (largest
 * remainders break the rounding), in input order.
 */
export function stratifiedSample<T>(items: readonly T[], stratumOf: (item: T) => string, n: number, seed: number): T[] {
  if (n >= items.length) return [...items];
  const random = createRandom(seed);
  const groups = strata(items, stratumOf);
  const exact = groups.map(([, group]) => (group.length * n) / items.length);
  const counts = exact.map(Math.floor);
  let left = n - counts.reduce((sum, c) => sum + c, 0);
  const byRemainder = exact.map((value, index) => ({ index, remainder: value - Math.floor(value) })).sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of byRemainder) {
    if (left === 0) break;
    counts[index] += 1;
    left -= 1;
  }
  const chosen = new Set<T>();
  groups.forEach(([, group], index) => {
    for (const item of shuffled(group, random).slice(0, counts[index])) chosen.add(item);
  });
  return items.filter((item) => chosen.has(item));
}
