// Growing typed arrays for data kept as numbers (columns of a million cases).

/** A typed array twice as long when `needed` does not fit. */
export function fit<T extends Float64Array | Int32Array | Uint32Array | Uint16Array | Uint8Array>(array: T, needed: number, make: (length: number) => T): T {
  if (needed <= array.length) return array;
  const bigger = make(Math.max(needed, array.length * 2));
  bigger.set(array);
  return bigger;
}
