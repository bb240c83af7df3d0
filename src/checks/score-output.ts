import { createHash } from 'node:crypto';
import { runCheck } from './registry.js';
import { costOf } from '../providers/prices.js';
import type { CheckContext } from './types.js';
import type { CheckSpec, ErrorInfo, Job, Output, ResultRecord } from '../types.js';

/** What the baseline compares: the output's text and tool calls, not its latency or usage. */
function hashOutput(output: Output): string {
  return createHash('sha256')
    .update(JSON.stringify({ text: output.text, toolCalls: output.toolCalls }))
    .digest('hex')
    .slice(0, 16);
}

export interface ScoreOptions {
  /** When the request was sent (for a batch: its submission time). */
  startedAt: string;
  /** The output came from the response cache. */
  cached?: boolean;
  /** Why each retry before this output happened. */
  retryKinds?: ErrorInfo['kind'][];
  /** See ResultRecord.cacheCheck. */
  cacheCheck?: ResultRecord['cacheCheck'];
  /** The fresh answer asked for to check a cached one's server (see ResultRecord.probe): not served, but paid for. */
  probe?: Output;
  /** Share of the list price paid: 0.5 through the Batch APIs. */
  priceFactor?: number;
  /** What checks that need the run get from it (a grader for `rubric`). */
  checkContext?: CheckContext;
}

/** Run the suite's checks on an output and build its result: the one place a ResultRecord with an output is made. */
export async function scoreOutput(job: Job, output: Output, checks: CheckSpec[], options: ScoreOptions): Promise<ResultRecord> {
  const results = [];
  for (const spec of checks) results.push(await runCheck(spec, output, job.case, options.checkContext));
  const retryKinds = options.retryKinds ?? [];
  // What this call cost: nothing when the answer came from the cache.
  const costUsd = options.cached ? 0 : costOf(output.usage, job.system.price, options.priceFactor);
  if (costUsd !== undefined) output = { ...output, costUsd };
  // A check that could not run says nothing about the output: the result is an error, not a fail.
  const broken = results.find((c) => c.error);
  return {
    caseId: job.case.id,
    system: job.system.name,
    repeat: job.repeat,
    caseHash: job.case.contentHash,
    startedAt: options.startedAt,
    status: broken ? 'error' : results.every((c) => c.pass) ? 'pass' : 'fail',
    ...(broken ? { error: { kind: 'check' as const, message: `${broken.spec.type} check could not run: ${broken.reason}` } } : {}),
    output,
    checks: results,
    outputHash: hashOutput(output),
    retries: retryKinds.length,
    ...(retryKinds.length ? { retryKinds } : {}),
    ...(options.cached ? { cached: true } : {}),
    ...(options.cacheCheck ? { cacheCheck: options.cacheCheck } : {}),
    ...(options.probe ? { probe: probeSpend(options.probe, costOf(options.probe.usage, job.system.price, options.priceFactor)) } : {}),
  };
}

function probeSpend(probe: Output, costUsd: number | undefined): NonNullable<ResultRecord['probe']> {
  return { inputTokens: probe.usage?.inputTokens ?? 0, outputTokens: probe.usage?.outputTokens ?? 0, ...(costUsd !== undefined ? { costUsd } : {}) };
}
