import { LineFile } from '../store/file-lines.js';
import { LineReads, offsetsFor, parseIndexedLine } from '../store/line-reads.js';
import type { ResultRecord } from '../types.js';

const NONE = -1;

/** What a results index needs of the run's cases: each case id's place in cases.jsonl. */
interface CasePlaces {
  readonly size: number;
  position(id: string): number | undefined;
}

/**
 * results.jsonl's lines by case and system, without holding them: each line's byte range, and per
 * system each case's first line (by the case's place in cases.jsonl), its other lines chained in file
 * order. 16 bytes a line and 4 a case and system, where numbering each (case, system) pair first
 * (a JSONL index keyed by pair numbers) held ~34 bytes a line at a million cases. A result whose case
 * cases.jsonl lacks is kept in a small Map. Same line rules as every index (line-reads.ts).
 */
export class ResultLines {
  private readonly offsets: Uint32Array | Float64Array;
  private readonly lengths: Uint32Array;
  private readonly next: Int32Array;
  /** Per system: each case's first line, by the case's place. */
  private readonly firstOf = new Map<string, Int32Array>();
  private readonly others = new Map<string, number[]>();
  private readonly reads: LineReads;

  constructor(file: string, cases: CasePlaces) {
    this.reads = new LineReads(file);
    const lines = new LineFile(file);
    const lastOf = new Map<string, Int32Array>();
    try {
      const most = lines.countLines();
      this.offsets = offsetsFor(file, most);
      this.lengths = new Uint32Array(most);
      this.next = new Int32Array(most).fill(NONE);
      let count = 0;
      let lineNumber = 0;
      for (const line of lines.lines()) {
        lineNumber += 1;
        const value = parseIndexedLine(file, line, lineNumber) as ResultRecord | undefined;
        if (value === undefined) continue;
        const at = count++;
        this.offsets[at] = line.offset;
        this.lengths[at] = line.bytes;
        const caseId = String(value.caseId);
        const system = String(value.system);
        const place = cases.position(caseId);
        if (place === undefined) {
          const key = `${caseId}\u0000${system}`;
          const list = this.others.get(key);
          if (list) list.push(at);
          else this.others.set(key, [at]);
          continue;
        }
        let first = this.firstOf.get(system);
        let last = lastOf.get(system);
        if (!first || !last) {
          first = new Int32Array(cases.size).fill(NONE);
          last = new Int32Array(cases.size).fill(NONE);
          this.firstOf.set(system, first);
          lastOf.set(system, last);
        }
        if (first[place] === NONE) first[place] = at;
        else this.next[last[place]] = at;
        last[place] = at;
      }
    } finally {
      lines.close();
    }
  }

  /** The line numbers of one case's results for one system, in file order. */
  linesOf(caseId: string, system: string, place: number | undefined): number[] {
    if (place === undefined) return [...(this.others.get(`${caseId}\u0000${system}`) ?? [])];
    const found: number[] = [];
    for (let at = this.firstOf.get(system)?.[place] ?? NONE; at !== NONE; at = this.next[at]) found.push(at);
    return found;
  }

  /** Parse the line at `index` (in file order) again. */
  read(index: number): ResultRecord {
    return this.reads.read<ResultRecord>(this.offsets[index], this.lengths[index]);
  }

  /** Release the file handle kept for reads (reading again reopens it). */
  close(): void {
    this.reads.close();
  }
}
