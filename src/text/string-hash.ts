// 32-bit string hashes for the compact sets and sketches that replace Maps of strings on large
// datasets: a million ids as JS strings in a Map cost ~100 MB, as two hash halves in typed arrays ~20 MB.
// FNV-1a over UTF-16 code units, finished with murmur3's avalanche so every input bit moves every
// output bit (FNV alone leaves the low bits weak, and open addressing indexes by the low bits).

/** A 32-bit hash of `text`; different `seed`s give hashes that collide independently. */
export function hash32(text: string, seed = 0): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  const prime = seed === 0 ? 0x01000193 : 0x5bd1e995;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), prime);
  return mix32(h);
}

/** murmur3's fmix32: a bijection on 32-bit integers that spreads every bit. */
export function mix32(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
