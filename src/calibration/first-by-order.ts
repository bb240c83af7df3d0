/**
 * The first `limit` items by `compare` of however many are added, in memory for at most twice
 * `limit`: items arrive in another order (results.jsonl is written as answers finish), so the list
 * is sorted and cut each time it doubles, which costs O(n log limit) in all, and `count` says how
 * many there were.
 */
export class FirstByOrder<T> {
  private items: T[] = [];
  private added = 0;

  constructor(
    private readonly limit: number,
    private readonly compare: (a: T, b: T) => number,
  ) {}

  add(item: T): void {
    this.added += 1;
    this.items.push(item);
    if (this.items.length >= 2 * this.limit) this.cut();
  }

  /** How many were added. */
  get count(): number {
    return this.added;
  }

  /** The first `limit` of them, in order. */
  first(): T[] {
    this.cut();
    return [...this.items];
  }

  private cut(): void {
    this.items.sort(this.compare);
    if (this.items.length > this.limit) this.items.length = this.limit;
  }
}
