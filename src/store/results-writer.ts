import { closeSync, openSync, writeSync } from 'node:fs';
import { RunFailure } from '../errors.js';
import type { ResultRecord } from '../types.js';
import { fileSystemProblem } from './fs-problem.js';

/** Results served from the cache wait until this many characters are pending (or the event loop turns). */
const BATCH_CHARS = 64 * 1024;

/**
 * Appends one JSON line per result. A result whose answer came from a model or a command (or is an
 * error) is written at once, synchronously, with any lines waiting before it: the journal is complete
 * up to it even if the process is killed next. A result served from the response cache may wait a
 * little to be written with others (a fully cached rerun of 20,000 cases is a handful of writes, not
 * 20,000): a kill can lose the last of them, and `--resume` serves them from the cache again, since
 * the answer was already there; nothing answered is lost.
 */
export class ResultsWriter {
  private readonly fd: number;
  private pending: string[] = [];
  private pendingChars = 0;
  private flushQueued = false;
  /** A write that failed on a later turn of the event loop: thrown by the next append or close. */
  private failure: RunFailure | undefined;

  constructor(private readonly file: string) {
    this.fd = openSync(file, 'a');
  }

  /** `json`: the record's JSON.stringify, when the caller has it already (see redactedJson). */
  append(record: ResultRecord, json = JSON.stringify(record)): void {
    if (this.failure) throw this.failure;
    const line = json + '\n';
    this.pending.push(line);
    this.pendingChars += line.length;
    if (record.cached !== true || this.pendingChars >= BATCH_CHARS) this.flush();
    else if (!this.flushQueued) {
      this.flushQueued = true;
      setImmediate(() => {
        this.flushQueued = false;
        try {
          this.flush();
        } catch (error) {
          this.failure = error as RunFailure;
        }
      });
    }
  }

  close(): void {
    try {
      if (this.failure) throw this.failure;
      this.flush();
    } finally {
      closeSync(this.fd);
    }
  }

  private flush(): void {
    if (!this.pending.length) return;
    const text = this.pending.join('');
    this.pending = [];
    this.pendingChars = 0;
    try {
      const bytes = Buffer.from(text);
      for (let done = 0; done < bytes.length;) done += writeSync(this.fd, bytes, done);
    } catch (error) {
      // A full disk or a removed folder: the run cannot go on without losing results.
      throw new RunFailure(fileSystemProblem(error, process.cwd(), this.file) ?? `cannot write results to ${this.file}: ${(error as Error).message}`);
    }
  }
}
