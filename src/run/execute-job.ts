import { createHash } from 'node:crypto';
import { runCheck } from '../checks/registry.js';
import { ProviderError, type Provider } from '../providers/types.js';
import type { Case, CheckSpec, ErrorInfo, Output, ResultRecord, SystemConfig } from '../types.js';
import { renderMessages } from './render-request.js';
import { retryDelay, sleep, type RetryPolicy } from './retry.js';

/** One unit of work: a case for a system, the k-th time. */
export interface Job {
  case: Case;
  system: SystemConfig;
  repeat: number;
}

export interface JobContext {
  provider: Provider;
  checks: CheckSpec[];
  retryPolicy: RetryPolicy;
  signal?: AbortSignal;
  onRetry?: (attempt: number, error: ProviderError, delayMs: number) => void;
}

/** What the baseline compares: the output's text and tool calls, not its latency or usage. */
export function hashOutput(output: Output): string {
  return createHash('sha256').update(JSON.stringify({ text: output.text, toolCalls: output.toolCalls })).digest('hex').slice(0, 16);
}

function toErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof ProviderError) return error.info;
  return { kind: 'other', message: error instanceof Error ? error.message : String(error) };
}

/** Call the provider (retrying per policy) and score the output. Never throws: failures become error results. */
export async function executeJob(job: Job, context: JobContext): Promise<ResultRecord> {
  const startedAt = new Date().toISOString();
  const base = { caseId: job.case.id, system: job.system.name, repeat: job.repeat, caseHash: job.case.contentHash, startedAt };
  const request = { case: job.case, messages: renderMessages(job.system, job.case), tools: job.system.tools ?? [], repeat: job.repeat, signal: context.signal };
  let retries = 0;
  let output: Output;
  for (;;) {
    try {
      output = await context.provider.call(request);
      break;
    } catch (error) {
      const delay = retryDelay(error, retries + 1, context.retryPolicy);
      if (delay === undefined || context.signal?.aborted) {
        return { ...base, status: 'error', error: toErrorInfo(error), checks: [], retries };
      }
      retries += 1;
      context.onRetry?.(retries, error as ProviderError, delay);
      await sleep(delay, context.signal);
    }
  }
  const checks = [];
  for (const spec of context.checks) checks.push(await runCheck(spec, output, job.case));
  const status = checks.every((c) => c.pass) ? 'pass' : 'fail';
  return { ...base, status, output, checks, outputHash: hashOutput(output), retries };
}
