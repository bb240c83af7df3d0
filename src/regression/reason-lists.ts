// Failure reasons of per-case data held as numbers (transition-list.ts): each distinct list stored once.

/** Lists of reasons, each distinct list stored once. */
export class ReasonLists {
  private readonly lists: string[][] = [[]];
  private readonly index = new Map<string, number>([['', 0]]);

  /** The list's number; 0 for none. */
  intern(reasons: readonly string[] | undefined): number {
    if (!reasons?.length) return 0;
    const key = reasons.join('\u0000');
    let at = this.index.get(key);
    if (at === undefined) {
      at = this.lists.length;
      this.lists.push([...reasons]);
      this.index.set(key, at);
    }
    return at;
  }

  get(at: number): string[] {
    return this.lists[at];
  }
}
