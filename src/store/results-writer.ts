import { closeSync, openSync, writeSync } from 'node:fs';
import { RunFailure } from '../errors.js';
import type { ResultRecord } from '../types.js';
import { fileSystemProblem } from './fs-problem.js';

/**
 * Appends one JSON line per result as soon as it exists. Synchronous appends are tiny and keep
 * the journal complete up to the last finished result even if the process is killed.
 */
export class ResultsWriter {
  private readonly fd: number;

  constructor(private readonly file: string) {
    this.fd = openSync(file, 'a');
  }

  append(record: ResultRecord): void {
    try {
      writeSync(this.fd, JSON.stringify(record) + '\n');
    } catch (error) {
      // A full disk or a removed folder: the run cannot go on without losing results.
      throw new RunFailure(fileSystemProblem(error, process.cwd(), this.file) ?? `cannot write results to ${this.file}: ${(error as Error).message}`);
    }
  }

  close(): void {
    closeSync(this.fd);
  }
}
