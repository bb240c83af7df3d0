import type { ResultRecord } from '../types.js';
import { formatDuration } from '../format.js';

/** Counts behind the progress line; fed one result at a time. */
export class ProgressState {
  done = 0;
  pass = 0;
  fail = 0;
  error = 0;
  retries = 0;
  /** Per system, the provider's rate limit its requests are paced to right now. */
  private readonly pacing = new Map<string, string>();
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

  /** A system's requests wait for its provider's stated rate limit (`100/s`), or no longer do. */
  setPacing(system: string, limit: string | undefined): void {
    if (limit) this.pacing.set(system, limit);
    else this.pacing.delete(system);
  }

  /** `canvas-trigger  120/135  ✓100 ✗15 !5  retries 2  12.3/s  ETA 2s  rate limit: 100/s` */
  line(now = Date.now()): string {
    const elapsed = Math.max(1, now - this.startedAt);
    const rate = ((this.done - this.resumed) * 1000) / elapsed;
    const eta = rate > 0 ? ((this.total - this.done) / rate) * 1000 : Infinity;
    const retries = this.retries ? `  retries ${this.retries}` : '';
    const pacing = this.pacing.size ? `  rate limit: ${[...new Set(this.pacing.values())].join(', ')}` : '';
    return `${this.suite}  ${this.done}/${this.total}  ✓${this.pass} ✗${this.fail} !${this.error}${retries}  ${rate.toFixed(1)}/s  ETA ${formatDuration(eta)}${pacing}`;
  }
}
