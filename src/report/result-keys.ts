import type { KeyNumbering } from '../store/jsonl-index.js';
import { fit } from '../text/typed-arrays.js';

/** What results.jsonl's index keys a line by: its case and system. */
export interface ResultKey {
  caseId: string;
  system: string;
}

const NONE = -1;

/**
 * A run's (case, system) pairs numbered as first seen, through the place the cases' own index gives
 * each case id: no key string is held. Numbered as strings (`case\0system`, UTF-8 bytes and a 64-bit
 * hash each) the results index cost ~70 bytes a line; this costs a number per case and system, and
 * two per pair to name it again. A result whose case cases.jsonl lacks is numbered in a small Map.
 */
export class ResultKeys implements KeyNumbering<ResultKey> {
  private readonly systems = new Map<string, number>();
  private readonly systemNames: string[] = [];
  /** Per system: each case's pair number (NONE until seen), by the case's place in cases.jsonl. */
  private readonly pairOf: Int32Array[] = [];
  private readonly others = new Map<string, number>();
  /** Per pair: its case's place (or NONE with its id in `otherIds`) and its system. */
  private placeOf = new Int32Array(0);
  private systemOf = new Int32Array(0);
  private readonly otherIds = new Map<number, string>();
  private count = 0;

  constructor(private readonly cases: { readonly size: number; position(id: string): number | undefined; idAt(position: number): string }) {}

  add(key: ResultKey): number {
    const found = this.get(key);
    if (found !== undefined) return found;
    const n = this.count++;
    let system = this.systems.get(key.system);
    if (system === undefined) {
      system = this.systemNames.push(key.system) - 1;
      this.systems.set(key.system, system);
      this.pairOf.push(new Int32Array(this.cases.size).fill(NONE));
    }
    this.placeOf = fit(this.placeOf, n + 1, (length) => new Int32Array(length));
    this.systemOf = fit(this.systemOf, n + 1, (length) => new Int32Array(length));
    this.systemOf[n] = system;
    const place = this.cases.position(key.caseId);
    if (place === undefined) {
      this.others.set(otherKey(key), n);
      this.otherIds.set(n, key.caseId);
      this.placeOf[n] = NONE;
    } else {
      this.pairOf[system][place] = n;
      this.placeOf[n] = place;
    }
    return n;
  }

  get(key: ResultKey): number | undefined {
    const system = this.systems.get(key.system);
    if (system === undefined) return undefined;
    const place = this.cases.position(key.caseId);
    if (place === undefined) return this.others.get(otherKey(key));
    const n = this.pairOf[system][place];
    return n === NONE ? undefined : n;
  }

  nameOf(n: number): ResultKey {
    const place = this.placeOf[n];
    return { caseId: place === NONE ? (this.otherIds.get(n) ?? '') : this.cases.idAt(place), system: this.systemNames[this.systemOf[n]] };
  }
}

const otherKey = (key: ResultKey) => `${key.caseId}\u0000${key.system}`;
