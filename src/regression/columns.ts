// Column building blocks for per-case data held as numbers (run-snapshot.ts, transition-list.ts):
// growable typed arrays, packed hashes, interned reason lists.

const PACKED_HASH = /^[0-9a-f]{16}$/;

/** A typed array twice as long when `needed` does not fit. */
export function fit<T extends Int32Array | Uint32Array | Uint16Array | Uint8Array>(array: T, needed: number, make: (length: number) => T): T {
  if (needed <= array.length) return array;
  const bigger = make(Math.max(needed, array.length * 2));
  bigger.set(array);
  return bigger;
}

/** 16-hex-digit hashes (what evals writes) as two 32-bit numbers; anything else kept as written. */
export class HashColumn {
  private packed = new Uint32Array(0);
  /** 0 absent, 1 packed, 2 in `other`. */
  private kind = new Uint8Array(0);
  private readonly other = new Map<number, string>();

  set(row: number, hash: string | undefined): void {
    this.packed = fit(this.packed, 2 * row + 2, (n) => new Uint32Array(n));
    this.kind = fit(this.kind, row + 1, (n) => new Uint8Array(n));
    if (hash === undefined) this.kind[row] = 0;
    else if (PACKED_HASH.test(hash)) {
      this.kind[row] = 1;
      this.packed[2 * row] = Number.parseInt(hash.slice(0, 8), 16);
      this.packed[2 * row + 1] = Number.parseInt(hash.slice(8), 16);
    } else {
      this.kind[row] = 2;
      this.other.set(row, hash);
    }
  }

  get(row: number): string | undefined {
    if (this.kind[row] === 2) return this.other.get(row);
    if (this.kind[row] !== 1) return undefined;
    return this.packed[2 * row].toString(16).padStart(8, '0') + this.packed[2 * row + 1].toString(16).padStart(8, '0');
  }
}

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
