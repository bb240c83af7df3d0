import { closeSync, openSync, writeSync } from 'node:fs';
import type { ResultRecord } from '../types.js';

/**
 * Appends one JSON line per result as soon as it exists. Synchronous appends are tiny and keep
 * the journal complete up to the last finished result even if the process is killed.
 */
export class ResultsWriter {
  private readonly fd: number;

  constructor(file: string) {
    this.fd = openSync(file, 'a');
  }

  append(record: ResultRecord): void {
    writeSync(this.fd, JSON.stringify(record) + '\n');
  }

  close(): void {
    closeSync(this.fd);
  }
}
