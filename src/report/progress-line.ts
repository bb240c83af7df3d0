import type { ResultRecord } from '../types.js';
import { formatDuration } from '../format.js';

/** Counts behind the progress line; fed one result at a time. */
export class ProgressState {
  done = 0;
  pass = 0;
  fail = 0;
  error = 0;
  retries = 0;
  private readonly startedAt = Date.now();

  constructor(
    readonly suite: string,
    readonly total: number,
  ) {}

  /** Results already in the journal when a run is resumed. */
  skip(count: number): void {
    this.done += count;
    this.resumed = count;
  }

  private resumed = 0;

  add(record: ResultRecord): void {
    this.done += 1;
    this[record.status] += 1;
  }

  /** `canvas-trigger  120/135  ✓100 ✗15 !5  retries 2  12.3/s  ETA 2s` */
  line(now = Date.now()): string {
    const elapsed = Math.max(1, now - this.startedAt);
    const rate = ((this.done - this.resumed) * 1000) / elapsed;
    const eta = rate > 0 ? ((this.total - this.done) / rate) * 1000 : Infinity;
    const retries = this.retries ? `  retries ${this.retries}` : '';
    return `${this.suite}  ${this.done}/${this.total}  ✓${this.pass} ✗${this.fail} !${this.error}${retries}  ${rate.toFixed(1)}/s  ETA ${formatDuration(eta)}`;
  }
}
