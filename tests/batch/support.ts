import { createProvider } from '../../src/providers/registry.js';
import { defaultRetryPolicy } from '../../src/providers/retry.js';
import { executeJob, type Job } from '../../src/run/execute-job.js';
import type { CheckSpec, ResultRecord, SystemConfig, ToolSpec } from '../../src/types.js';
import { makeCase } from '../helpers/make-case.js';

// A small canvas-trigger suite for batch tests: three cases, a tool, and the checks a PM would write.

const canvasTool: ToolSpec = {
  name: 'canvas',
  description: 'Open a canvas for long writing or code',
  parameters: { type: 'object', properties: { type: { type: 'string', enum: ['document', 'code'] } }, required: ['type'] },
};

const cases = [
  makeCase({ id: 'essay', contentHash: 'h-essay', messages: [{ role: 'user', content: 'Draft an essay about rivers' }], columns: { should_trigger: 'yes' } }),
  makeCase({ id: 'capital', contentHash: 'h-capital', messages: [{ role: 'user', content: 'What is the capital of France?' }], columns: { should_trigger: 'no' } }),
  // The plausible brain opens the canvas for any "write", so this case fails its check: verdicts must carry over, not just passes.
  makeCase({ id: 'haiku / short', contentHash: 'h-haiku', messages: [{ role: 'user', content: 'write one line' }], columns: { should_trigger: 'no' } }),
];

export const checks: CheckSpec[] = [
  { type: 'tool-called', tool: 'canvas', expect: '{{should_trigger}}' },
  { type: 'not-contains', value: 'sorry' },
];

export function makeSystem(name: string, provider: string, baseUrl: string): SystemConfig {
  return { name, provider, baseUrl, prompt: 'You help people write. Today is {{now}}.', tools: [canvasTool], params: { temperature: 0 } };
}

/** Every case × repeat of one system, in plan order. */
export function jobsFor(system: SystemConfig, repeat = 1): Job[] {
  return cases.flatMap((kase) => Array.from({ length: repeat }, (_, r) => ({ case: kase, system, repeat: r })));
}

/** What a normal (non-batch) call records for each job, for comparison. */
export async function normalRecords(jobs: Job[], env: NodeJS.ProcessEnv): Promise<ResultRecord[]> {
  const records: ResultRecord[] = [];
  for (const job of jobs) {
    const provider = await createProvider(job.system, env, process.cwd());
    const record = await executeJob(job, { provider, checks, retryPolicy: { ...defaultRetryPolicy, maxRetries: 0 } });
    records.push(record!);
  }
  return records;
}

/** The parts of a record that must not depend on how the answer was obtained. */
export function essence(record: ResultRecord) {
  return {
    caseId: record.caseId,
    system: record.system,
    repeat: record.repeat,
    caseHash: record.caseHash,
    status: record.status,
    text: record.output?.text,
    toolCalls: record.output?.toolCalls,
    usage: record.output?.usage,
    checks: record.checks,
    outputHash: record.outputHash,
  };
}
