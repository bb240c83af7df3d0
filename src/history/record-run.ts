import { appendFileSync, closeSync, existsSync, fstatSync, mkdirSync, openSync, readSync } from 'node:fs';
import path from 'node:path';
import { readRunMeta, type RunMeta } from '../store/run-dir.js';
import { buildHistoryRecord, type FinishedRun } from './build-record.js';
import { datasetHash, type DatasetHash } from './dataset-hash.js';
import { gitInfo } from './git-info.js';
import { historyPath, historyRecordSchema } from './record.js';

/** Where the run's record went, or why it has none (printed as one line; never a failure). */
export type HistoryOutcome = { file: string } | { skipped: string };

/**
 * Why a finished run gets no history record, or undefined when it gets one. A history point must be
 * comparable with the others, so runs of part of the suite are left out: a shard (its merged run is
 * recorded), a `--filter`/`--limit` run, an incomplete run.
 */
export function whyNotRecorded({ runDir, summary }: FinishedRun['outcome']): string | undefined {
  return skipReason(readRunMeta(runDir), summary);
}

function skipReason(meta: RunMeta, summary: FinishedRun['outcome']['summary']): string | undefined {
  if (meta.shard) return `shard ${meta.shard}: the merged run is recorded by evals merge`;
  if (meta.filter !== null || meta.limit !== null) return 'ran part of the suite (--filter/--limit)';
  if (!summary.complete) return 'the run is incomplete';
  if (!summary.systems.some((s) => !s.skipped)) return 'no system ran';
  return undefined;
}

/**
 * Append a finished run's record to `reports/<suite>/history.jsonl` (unless {@link whyNotRecorded}).
 * Called once per run by `evals run` and once per merged run by `evals merge` (evaluate/write-run-reports.ts
 * `finishRun`). `dataset`: the run's {@link datasetHash} when the caller took it already. Writing history
 * never fails the run: a problem comes back as the reason it was skipped.
 */
export async function recordRun(run: FinishedRun, env: NodeJS.ProcessEnv, dataset?: DatasetHash): Promise<HistoryOutcome> {
  const { runDir, summary } = run.outcome;
  const meta = readRunMeta(runDir);
  const skipped = skipReason(meta, summary);
  if (skipped) return { skipped };
  // Run folders are reports/<suite>/<run-id>/; the history sits beside them.
  const reportsDir = path.dirname(path.dirname(runDir));
  const file = historyPath(reportsDir, summary.suite);
  try {
    const record = buildHistoryRecord(run, { meta, git: gitInfo(reportsDir, env), dataset: dataset ?? (await datasetHash(runDir)) });
    // Parsed on the way out: a writer that drifts from the schema fails here, not in a later reader.
    const line = JSON.stringify(historyRecordSchema.parse(record)) + '\n';
    mkdirSync(path.dirname(file), { recursive: true });
    appendFileSync(file, (endsMidLine(file) ? '\n' : '') + line);
    return { file };
  } catch (error) {
    return { skipped: `could not write ${file}: ${(error as Error).message}` };
  }
}

/** A last line cut short (a killed process, a bad merge) must not swallow the next record. */
function endsMidLine(file: string): boolean {
  if (!existsSync(file)) return false;
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size === 0) return false;
    const last = Buffer.alloc(1);
    readSync(fd, last, 0, 1, size - 1);
    return last[0] !== 0x0a;
  } finally {
    closeSync(fd);
  }
}
