// Strings in code-point order: the same on every machine, unlike a locale's collation. JavaScript's
// `<` compares UTF-16 code units, which puts a character above U+FFFF (a surrogate pair, D800–DFFF)
// before U+E000–U+FFFF; shifting those two ranges at the first differing unit gives code-point order.

function fixUp(unit: number): number {
  if (unit >= 0xe000) return unit - 0x800;
  if (unit >= 0xd800) return unit + 0x2000;
  return unit;
}

/** Negative, 0 or positive as `x` sorts before, with or after `y` by code point. */
export function compareCodePoints(x: string, y: string): number {
  if (x === y) return 0;
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const a = x.charCodeAt(i);
    const b = y.charCodeAt(i);
    if (a !== b) return fixUp(a) - fixUp(b);
  }
  return x.length - y.length;
}
