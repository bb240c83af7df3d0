import { runCheck } from '../checks/registry.js';
import { hashOutput, type Job } from '../run/execute-job.js';
import type { CheckSpec, Output, ResultRecord } from '../types.js';

export interface ScoreOptions {
  /** When the request was sent: the batch's submission time. */
  startedAt: string;
  /** The output came from the response cache rather than the batch. */
  cached?: boolean;
}

/**
 * The ResultRecord executeJob would write for this output: the suite's checks, the output hash the
 * baseline compares, no retries. Use for outputs obtained outside executeJob (batches).
 */
export async function scoreOutput(job: Job, output: Output, checks: CheckSpec[], options: ScoreOptions): Promise<ResultRecord> {
  const results = [];
  for (const spec of checks) results.push(await runCheck(spec, output, job.case));
  return {
    caseId: job.case.id,
    system: job.system.name,
    repeat: job.repeat,
    caseHash: job.case.contentHash,
    startedAt: options.startedAt,
    status: results.every((c) => c.pass) ? 'pass' : 'fail',
    output,
    checks: results,
    outputHash: hashOutput(output),
    retries: 0,
    ...(options.cached ? { cached: true } : {}),
  };
}
