import { verdictOfCounts, type CaseVerdict, type RepeatPolicy } from './case-verdict.js';
import { fit } from '../text/typed-arrays.js';
import { StringColumn } from '../text/string-column.js';
import { WideningUints } from '../text/widening-uints.js';
import { ReasonLists } from './reason-lists.js';

// Every case's transition for one system, kept as numbers and built into objects when read: a
// million cases cost a few bytes each here, where a million CaseTransition objects cost hundreds
// of megabytes. Reads like a read-only array of CaseTransition (length, iteration, filter, map, find).

export type Transition = 'regressed' | 'fixed' | 'still-failing' | 'still-passing' | 'errored' | 'new' | 'removed';

/** Worst first: the order reports list cases in. */
export const TRANSITION_ORDER: Transition[] = ['regressed', 'errored', 'still-failing', 'new', 'removed', 'fixed', 'still-passing'];

export interface CaseTransition {
  caseId: string;
  transition: Transition;
  /** Same id, different dataset row: the comparison is of a different question. */
  changed: boolean;
  before?: CaseVerdict;
  after?: CaseVerdict;
  /** Why the case fails now (or errored), one line per failed check. */
  reasons: string[];
  outputChanged: boolean;
}

/** What reports read of a system's transitions: a plain array of them satisfies it too. */
export interface TransitionList extends Iterable<CaseTransition> {
  readonly length: number;
  /** The transition at `index` in iteration order (worst first; negative counts back from the end, as an array's), built when asked: reports look cases up by it. */
  at(index: number): CaseTransition | undefined;
  filter(predicate: (c: CaseTransition) => unknown): CaseTransition[];
  map<U>(fn: (c: CaseTransition) => U): U[];
  find(predicate: (c: CaseTransition) => unknown): CaseTransition | undefined;
}

const CHANGED = 1;
const OUTPUT_CHANGED = 2;
const HAS_BEFORE = 4;
const HAS_AFTER = 8;

/** A verdict's counts (passes, fails, errors), or none. */
type Counts = [number, number, number] | undefined;

/** Filled case by case (in any order), then sorted worst first once. */
export class TransitionColumns implements TransitionList {
  private readonly ids = new StringColumn();
  private transitions = new Uint8Array(0);
  private flags = new Uint8Array(0);
  /** passes, fails, errors before, then after: six numbers per case (a byte each until a count needs more). */
  private readonly counts = new WideningUints();
  /** Each case's list of reasons, by its number in `reasons`. */
  private readonly reasonIds = new WideningUints();
  private readonly reasons = new ReasonLists();
  private order: Uint32Array | undefined;

  constructor(private readonly policy: RepeatPolicy) {}

  push(caseId: string, transition: Transition, changed: boolean, outputChanged: boolean, before: Counts, after: Counts, reasons: string[]): void {
    const i = this.ids.length;
    this.ids.push(caseId);
    this.transitions = fit(this.transitions, i + 1, (n) => new Uint8Array(n));
    this.flags = fit(this.flags, i + 1, (n) => new Uint8Array(n));
    this.transitions[i] = TRANSITION_ORDER.indexOf(transition);
    this.flags[i] = (changed ? CHANGED : 0) | (outputChanged ? OUTPUT_CHANGED : 0) | (before ? HAS_BEFORE : 0) | (after ? HAS_AFTER : 0);
    // The last first: the column grows once for the case's six numbers.
    const six = [...(before ?? [0, 0, 0]), ...(after ?? [0, 0, 0])];
    for (let k = 5; k >= 0; k--) this.counts.set(6 * i + k, six[k]);
    this.reasonIds.set(i, this.reasons.intern(reasons));
    this.order = undefined;
  }

  get length(): number {
    return this.ids.length;
  }

  /** Worst transition first, then by case id (code-point order: the same on every machine, unlike a locale's). */
  private sorted(): Uint32Array {
    if (!this.order) {
      const order = new Uint32Array(this.ids.length).map((_, i) => i);
      order.sort((x, y) => this.transitions[x] - this.transitions[y] || this.ids.compare(x, y));
      this.order = order;
    }
    return this.order;
  }

  private verdict(i: number, offset: number): CaseVerdict {
    const c = this.counts;
    return verdictOfCounts(c.get(6 * i + offset), c.get(6 * i + offset + 1), c.get(6 * i + offset + 2), this.policy);
  }

  private build(i: number): CaseTransition {
    const flags = this.flags[i];
    return {
      caseId: this.ids.get(i),
      transition: TRANSITION_ORDER[this.transitions[i]],
      changed: (flags & CHANGED) !== 0,
      ...(flags & HAS_BEFORE ? { before: this.verdict(i, 0) } : {}),
      ...(flags & HAS_AFTER ? { after: this.verdict(i, 3) } : {}),
      reasons: [...this.reasons.get(this.reasonIds.get(i))],
      outputChanged: (flags & OUTPUT_CHANGED) !== 0,
    };
  }

  at(index: number): CaseTransition | undefined {
    const order = this.sorted();
    // As an array's: a plain array satisfies TransitionList too, so the two must answer alike.
    const place = index < 0 ? order.length + index : index;
    return place >= 0 && place < order.length ? this.build(order[place]) : undefined;
  }

  *[Symbol.iterator](): Iterator<CaseTransition> {
    for (const i of this.sorted()) yield this.build(i);
  }

  filter(predicate: (c: CaseTransition) => unknown): CaseTransition[] {
    const kept: CaseTransition[] = [];
    for (const c of this) if (predicate(c)) kept.push(c);
    return kept;
  }

  map<U>(fn: (c: CaseTransition) => U): U[] {
    const mapped: U[] = [];
    for (const c of this) mapped.push(fn(c));
    return mapped;
  }

  find(predicate: (c: CaseTransition) => unknown): CaseTransition | undefined {
    for (const c of this) if (predicate(c)) return c;
    return undefined;
  }

  /** Plain objects, for JSON. */
  toJSON(): CaseTransition[] {
    return [...this];
  }
}
