import { hash32 } from '../text/string-hash.js';
import { agreeingPositions, SKETCH_SIZE, writeSketch } from './minhash.js';
import { NEAR_DUPLICATE_JACCARD } from './similarity.js';
import { differingBits, mayReach, WORD_BITS_WORDS, writeWordBits } from './word-bits.js';

// Candidate near-duplicate pairs among any number of rows, in memory that grows by 90 bytes a row
// and time that grows with n log n, where comparing every pair grew with n² (2,000 rows of 400 words
// took 18 s, so the check used to stop at 5,000 rows).
//
// Banding: the 64-byte sketch is cut into 16 bands of 4 bytes; two rows become candidates when any
// band is equal. Rows with Jaccard 0.9 agree on a band with probability 0.9⁴ ≈ 0.66, so they miss
// on all 16 with probability 0.34¹⁶ ≈ 4·10⁻⁸; unrelated rows (Jaccard 0.2) share a band 1 time in
// 400. Each band's keys are sorted once, and rows with equal keys compared. A candidate must then
// agree on 3/4 of the whole sketch (a true 0.9 pair falls below with probability ~1.4·10⁻⁴, the binomial tail P[Bin(64, 0.9) < 48]) and have
// word counts and word bits (word-bits.ts) within the Jaccard bound; survivors are checked exactly by the caller.

const BANDS = 16;
const BAND_BYTES = SKETCH_SIZE / BANDS;
const NEEDED_AGREEMENT = Math.ceil(SKETCH_SIZE * 0.75);
/**
 * Within a run of equal band keys, each row is compared with this many rows before it: common words make
 * long runs. The default suits validate, which reports each later row against any earlier one it repeats;
 * import passes its own (import/dedupe.ts).
 */
const WINDOW = 4;

/**
 * Candidate pairs, each once, ascending by later position then earlier: one float per pair (a Map of
 * arrays cost ~100 bytes a candidate row, and a templated sheet makes a candidate of most rows).
 */
export class CandidatePairs {
  constructor(
    private readonly packed: Float64Array,
    private readonly scale: number,
  ) {}

  get count(): number {
    return this.packed.length;
  }

  later(i: number): number {
    return Math.floor(this.packed[i] / this.scale);
  }

  earlier(i: number): number {
    return this.packed[i] % this.scale;
  }
}

export class NearDuplicateIndex {
  private sketches: Uint8Array;
  private wordBits: Uint32Array;
  private sizes: Uint16Array;
  private contexts: Uint32Array;
  private positions: Uint32Array;
  private count = 0;
  private crowded = 0;
  private readonly minimums = new Uint32Array(SKETCH_SIZE);

  /**
   * `capacity`: rows expected, when known (validate knows its case count): growing by doubling leaves
   * the old arrays as garbage outside the heap until V8 next collects, ~1.5× the sketches at the peak.
   */
  /**
   * `byWordBits: false` puts forward pairs the word bits would rule out (they cannot reach the
   * threshold): `evals import` tries what a put-forward neighbour was dropped for, so a neighbour
   * that is not itself near still leads it to the pair comparing every pair finds.
   */
  constructor(
    readonly window = WINDOW,
    capacity = 1024,
    private readonly byWordBits = true,
  ) {
    const rows = Math.max(1, capacity);
    this.sketches = new Uint8Array(rows * SKETCH_SIZE);
    this.wordBits = new Uint32Array(byWordBits ? rows * WORD_BITS_WORDS : 0);
    this.sizes = new Uint16Array(rows);
    this.contexts = new Uint32Array(rows);
    this.positions = new Uint32Array(rows);
  }

  /** Add the row at `position` (ascending) with its words; `context` separates rows that are never compared (another `now`). */
  add(position: number, words: Set<string>, context: string): void {
    if (words.size === 0) return;
    if (this.count === this.positions.length) this.grow();
    writeSketch(words, this.sketches, this.count * SKETCH_SIZE, this.minimums);
    if (this.byWordBits) writeWordBits(words, this.wordBits, this.count * WORD_BITS_WORDS);
    this.sizes[this.count] = Math.min(words.size, 0xffff);
    this.contexts[this.count] = hash32(context);
    this.positions[this.count] = position;
    this.count += 1;
  }

  /** Later position → earlier positions worth an exact comparison, each list ascending. */
  candidates(): Map<number, number[]> {
    const pairs = this.candidatePairs();
    const found = new Map<number, number[]>();
    for (let i = 0; i < pairs.count; i++) {
      const later = pairs.later(i);
      const list = found.get(later);
      if (list) list.push(pairs.earlier(i));
      else found.set(later, [pairs.earlier(i)]);
    }
    return found;
  }

  /** The candidates as compact pairs (see CandidatePairs). */
  candidatePairs(): CandidatePairs {
    const n = this.count;
    const lastPosition = n ? this.positions[n - 1] : 0;
    // Later and earlier position packed in one float, so a typed-array sort orders them and equal pairs meet.
    const scale = 2 ** Math.max(1, Math.ceil(Math.log2(lastPosition + 1)));
    if (scale * scale > Number.MAX_SAFE_INTEGER) throw new RangeError(`near-duplicate index: position ${lastPosition} is too large to pair`);
    let found = new Float64Array(1024);
    let foundCount = 0;
    const keep = (a: number, b: number) => {
      if (!this.near(a, b)) return;
      if (foundCount === found.length) {
        // A pair meets again in every band it shares: drop the repeats before making room.
        foundCount = sortUnique(found, foundCount);
        if (foundCount > found.length / 2) {
          const wider = new Float64Array(found.length * 2);
          wider.set(found);
          found = wider;
        }
      }
      const [earlier, later] = a < b ? [this.positions[a], this.positions[b]] : [this.positions[b], this.positions[a]];
      found[foundCount++] = later * scale + earlier;
    };
    if (n >= 2) this.eachBandNeighbour(keep);
    return new CandidatePairs(found.slice(0, sortUnique(found, foundCount)), scale);
  }

  /**
   * Every pair of rows that share a band's key, each row with the `window` rows before it in that band's run.
   * Counts the rows whose every band is shared with more rows than a window reaches (see partlyCompared).
   */
  private eachBandNeighbour(visit: (a: number, b: number) => void): void {
    const n = this.count;
    // Key and row index packed in one float so a typed-array sort orders by key, then by row.
    const rowBits = Math.max(1, Math.ceil(Math.log2(n)));
    const keyShift = Math.max(0, 32 - (53 - rowBits));
    const rowScale = 2 ** rowBits;
    const packed = new Float64Array(n);
    const crowdedBands = new Uint8Array(n);
    for (let band = 0; band < BANDS; band++) {
      for (let row = 0; row < n; row++) packed[row] = (this.bandKey(row, band) >>> keyShift) * rowScale + row;
      packed.sort();
      let runStart = 0;
      for (let i = 1; i <= n; i++) {
        if (i < n && Math.floor(packed[i] / rowScale) === Math.floor(packed[runStart] / rowScale)) {
          for (let j = Math.max(runStart, i - this.window); j < i; j++) visit(packed[j] % rowScale, packed[i] % rowScale);
        } else {
          // A run longer than the window plus one: some of its pairs were not compared in this band.
          if (i - runStart > this.window + 1) for (let j = runStart; j < i; j++) crowdedBands[packed[j] % rowScale] += 1;
          runStart = i;
        }
      }
    }
    this.crowded = 0;
    for (let row = 0; row < n; row++) if (crowdedBands[row] === BANDS) this.crowded += 1;
  }

  /**
   * After candidatePairs: rows compared only with their window's worth of rows in every band, because
   * each of their bands is shared by more than window + 1 rows (rows built from one template share most
   * of their words, and so most bands). A near-duplicate of such a row further away in every band is
   * not a candidate: validate says how many rows that concerns instead of passing them in silence.
   */
  get partlyCompared(): number {
    return this.crowded;
  }

  private bandKey(row: number, band: number): number {
    const at = row * SKETCH_SIZE + band * BAND_BYTES;
    const s = this.sketches;
    return (((s[at] << 24) | (s[at + 1] << 16) | (s[at + 2] << 8) | s[at + 3]) ^ this.contexts[row] ^ Math.imul(band, 0x9e3779b1)) >>> 0;
  }

  /** Whether two rows of the index could be near-duplicates: same context, word counts, word bits and sketches close enough. */
  private near(a: number, b: number): boolean {
    if (this.contexts[a] !== this.contexts[b]) return false;
    const [sizeA, sizeB] = [this.sizes[a], this.sizes[b]];
    // Jaccard can reach the threshold only when the smaller set is at least that share of the larger.
    if (Math.min(sizeA, sizeB) < NEAR_DUPLICATE_JACCARD * Math.max(sizeA, sizeB)) return false;
    // A clamped count understates the bound, so the bits rule out only rows whose counts are exact.
    if (this.byWordBits && sizeA < 0xffff && sizeB < 0xffff && !mayReach(differingBits(this.wordBits, a, b), sizeA, sizeB, NEAR_DUPLICATE_JACCARD)) return false;
    return agreeingPositions(this.sketches, a, b, NEEDED_AGREEMENT) >= NEEDED_AGREEMENT;
  }

  private grow(): void {
    const capacity = this.positions.length * 2;
    const widen = <T extends Uint8Array | Uint16Array | Uint32Array>(old: T, make: new (n: number) => T, per = 1): T => {
      const next = new make(capacity * per);
      next.set(old);
      return next;
    };
    this.sketches = widen(this.sketches, Uint8Array, SKETCH_SIZE);
    if (this.byWordBits) this.wordBits = widen(this.wordBits, Uint32Array, WORD_BITS_WORDS);
    this.sizes = widen(this.sizes, Uint16Array);
    this.contexts = widen(this.contexts, Uint32Array);
    this.positions = widen(this.positions, Uint32Array);
  }
}

/** Sort the first `count` values of `values` and move each distinct one to the front once; how many there are. */
function sortUnique(values: Float64Array, count: number): number {
  const sorted = values.subarray(0, count).sort();
  let unique = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[unique++] = sorted[i];
  return unique;
}
