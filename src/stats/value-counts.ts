// A multiset of numbers kept as value → count, for percentiles over a million results without a
// million-entry array: latencies are whole milliseconds, so a run holds a few thousand distinct
// values at most. Quantiles are exact, the same as {@link quantile} on the sorted list.

export class ValueCounts {
  private readonly counts = new Map<number, number>();
  private total = 0;

  add(value: number): void {
    this.counts.set(value, (this.counts.get(value) ?? 0) + 1);
    this.total += 1;
  }

  get size(): number {
    return this.total;
  }

  /**
   * Quantiles (Hyndman & Fan type 7, as {@link quantile}) for each q, from one pass over the
   * distinct values in order. NaN when empty.
   */
  quantiles(qs: readonly number[]): number[] {
    if (this.total === 0) return qs.map(() => Number.NaN);
    const sorted = [...this.counts.entries()].sort(([a], [b]) => a - b);
    /** The value at 0-based position `index` of the sorted multiset. */
    const at = (index: number): number => {
      let seen = 0;
      for (const [value, count] of sorted) {
        seen += count;
        if (index < seen) return value;
      }
      return sorted[sorted.length - 1][0];
    };
    return qs.map((q) => {
      if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile: q must be in [0, 1], got ${q}`);
      const position = (this.total - 1) * q;
      const lower = Math.floor(position);
      const fraction = position - lower;
      const low = at(lower);
      return fraction === 0 ? low : low + fraction * (at(Math.ceil(position)) - low);
    });
  }
}
