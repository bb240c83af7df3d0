// A column of unsigned integers that is as wide as its largest value: per-case counts and ids are
// almost always below 256, and at a million cases each byte saved is a megabyte per column.

type Uints = Uint8Array | Uint16Array | Uint32Array;

/** Unsigned 32-bit integers by index, one byte each until a value needs two, then two until one needs four. */
export class WideningUints {
  private values: Uints = new Uint8Array(0);

  /** Store `value` (0 to 2^32 - 1) at `index`, growing and widening the column as it needs. */
  set(index: number, value: number): void {
    if (value > maxOf(this.values)) this.values = widen(this.values, value);
    if (index >= this.values.length) this.values = grown(this.values, index + 1);
    this.values[index] = value;
  }

  /** The value at `index`: 0 where nothing was stored. */
  get(index: number): number {
    return index < this.values.length ? this.values[index] : 0;
  }
}

function maxOf(values: Uints): number {
  return values instanceof Uint8Array ? 0xff : values instanceof Uint16Array ? 0xffff : 0xffffffff;
}

/** A copy of `values` in the narrowest type that holds `value`. */
function widen(values: Uints, value: number): Uints {
  const wider = value > 0xffff ? new Uint32Array(values.length) : new Uint16Array(values.length);
  wider.set(values);
  return wider;
}

/** A copy at least `needed` long, twice as long as before at least, of the same type. */
function grown(values: Uints, needed: number): Uints {
  const length = Math.max(needed, values.length * 2);
  const bigger = values instanceof Uint8Array ? new Uint8Array(length) : values instanceof Uint16Array ? new Uint16Array(length) : new Uint32Array(length);
  bigger.set(values);
  return bigger;
}
