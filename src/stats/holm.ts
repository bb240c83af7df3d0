// Holm's step-down correction (Holm 1979, "A simple sequentially rejective multiple test
// procedure"): controls the family-wise error rate across m tests without assuming they are
// independent, and rejects at least as much as Bonferroni. Same as statsmodels'
// multipletests(method="holm") and R's p.adjust(method="holm").

/**
 * Holm-adjusted p-values, in the order given. Sorted ascending, the i-th smallest (0-based) becomes
 * max over j ≤ i of min(1, (m − j)·p₍ⱼ₎): each adjusted p is at least the one before it, so the
 * procedure stops at the first test it cannot reject. Ties keep their given order (the result is the same).
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  for (const p of pValues) if (!(p >= 0 && p <= 1)) throw new RangeError(`holmAdjust: p-values must be in [0, 1], got ${p}`);
  const m = pValues.length;
  const order = pValues.map((p, index) => ({ p, index })).sort((a, b) => a.p - b.p || a.index - b.index);
  const adjusted = new Array<number>(m);
  let running = 0;
  order.forEach(({ p, index }, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    adjusted[index] = running;
  });
  return adjusted;
}
