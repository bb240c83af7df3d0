import { writeFileSync } from 'node:fs';
import path from 'node:path';
import pLimit from 'p-limit';
import { createProvider } from '../providers/registry.js';
import type { Provider } from '../providers/types.js';
import type { LoadedSuite } from '../suite/load.js';
import { ResultsWriter } from '../store/results-writer.js';
import { createRunDir, newRunId, runPaths, writeJsonAtomic } from '../store/run-dir.js';
import { SummaryBuilder, type RunSummary } from '../store/summary.js';
import type { CheckSpec, SystemConfig } from '../types.js';
import type { RunEventListener } from './events.js';
import { executeJob, type Job } from './execute-job.js';
import { selectCases, type CaseSelection } from './plan.js';
import { defaultRetryPolicy, type RetryPolicy } from './retry.js';

export interface RunOptions extends CaseSelection {
  env: NodeJS.ProcessEnv;
  /** Only these systems (default: all the suite names). */
  systems?: string[];
  concurrency?: number;
  repeat?: number;
  /** Where run folders go (default `<root>/reports`). */
  reportsDir?: string;
  retryPolicy?: RetryPolicy;
  signal?: AbortSignal;
  onEvent?: RunEventListener;
}

export interface SkippedSystem {
  system: string;
  reason: string;
  /** The env var to set, when a credential was missing. */
  variable?: string;
}

export interface RunOutcome {
  suite: LoadedSuite;
  runId: string;
  runDir: string;
  summary: RunSummary;
  skipped: SkippedSystem[];
}

export const DEFAULT_CONCURRENCY = 10;

/** Run every (case × system × repeat) of a suite, streaming results to disk as they complete. */
export async function runSuite(suite: LoadedSuite, options: RunOptions): Promise<RunOutcome> {
  const emit = options.onEvent ?? (() => {});
  const repeat = options.repeat ?? suite.config.repeat ?? 1;
  const concurrency = options.concurrency ?? suite.config.concurrency ?? DEFAULT_CONCURRENCY;
  const chosen = options.systems ? suite.systems.filter((s) => options.systems!.includes(s.name)) : suite.systems;

  const ready: Array<{ system: SystemConfig; provider: Provider }> = [];
  const skipped: SkippedSystem[] = [];
  for (const system of chosen) {
    const provider = createProvider(system, options.env, suite.root);
    const variable = provider.missingCredential();
    if (variable) {
      const reason = `set ${variable} to run it`;
      skipped.push({ system: system.name, reason, variable });
      emit({ type: 'skipped-system', suite: suite.name, system: system.name, reason, variable });
    } else {
      ready.push({ system, provider });
    }
  }

  const cases = selectCases(suite.dataset.cases, options);
  const runId = newRunId();
  const paths = runPaths(options.reportsDir ?? path.join(suite.root, 'reports'), suite.name, runId);
  createRunDir(paths);
  const startedAt = new Date();
  writeJsonAtomic(paths.meta, {
    suite: suite.name,
    suiteFile: suite.file,
    runId,
    startedAt: startedAt.toISOString(),
    dataset: suite.dataset.file,
    repeat,
    concurrency,
    filter: options.filter ?? null,
    limit: options.limit ?? null,
    systems: ready.map(({ system }) => describeSystem(system)),
    skipped,
    // Kept so `evals report` and `evals compare` can gate a stored run as it was gated then.
    gate: suite.config.gate,
    compare: suite.config.compare,
  });
  writeFileSync(paths.cases, cases.map((c) => JSON.stringify(c)).join('\n') + (cases.length ? '\n' : ''));
  writeFileSync(paths.results, '');
  const writer = new ResultsWriter(paths.results);
  const summary = new SummaryBuilder();
  const planned = cases.length * ready.length * repeat;
  emit({ type: 'start', suite: suite.name, runId, runDir: paths.dir, total: planned, systems: ready.map((r) => r.system.name) });

  const checks = suite.config.checks as CheckSpec[];
  const retryPolicy = options.retryPolicy ?? defaultRetryPolicy;
  const limit = pLimit(concurrency);
  const inFlight = new Set<Promise<void>>();
  let written = 0;
  const schedule = async (job: Job, provider: Provider) => {
    const record = await executeJob(job, {
      provider,
      checks,
      retryPolicy,
      signal: options.signal,
      onRetry: (attempt, error, delayMs) =>
        emit({ type: 'retry', suite: suite.name, system: job.system.name, caseId: job.case.id, attempt, reason: error.message, delayMs }),
    });
    writer.append(record);
    written += 1;
    summary.add(record);
    emit({ type: 'result', suite: suite.name, record });
  };

  try {
    // Feed the limiter a bounded window of jobs so a 100,000-case plan never sits in memory as closures.
    outer: for (const kase of cases) {
      for (const { system, provider } of ready) {
        for (let r = 0; r < repeat; r++) {
          if (options.signal?.aborted) break outer;
          const task = limit(() => schedule({ case: kase, system, repeat: r }, provider));
          inFlight.add(task);
          // Failures surface through Promise.all below; this branch only tidies the window.
          task.finally(() => inFlight.delete(task)).catch(() => {});
          if (inFlight.size >= concurrency * 2) await Promise.race(inFlight);
        }
      }
    }
    await Promise.all(inFlight);
  } finally {
    writer.close();
  }

  const finishedAt = new Date();
  const result: RunSummary = {
    suite: suite.name,
    runId,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationMs: finishedAt.getTime() - startedAt.getTime(),
    cases: cases.length,
    repeat,
    checks,
    systems: [
      ...ready.map(({ system }) => summary.systemSummary(system.name, system.provider)),
      ...skipped.map((s) => summary.systemSummary(s.system, chosen.find((c) => c.name === s.system)!.provider, s.reason)),
    ],
    complete: written === planned,
    planned,
  };
  writeJsonAtomic(paths.summary, result);
  emit({ type: 'done', suite: suite.name, summary: result });
  return { suite, runId, runDir: paths.dir, summary: result, skipped };
}

/** What run.json records of a system: enough to reproduce it, never a key. */
function describeSystem(system: SystemConfig) {
  return {
    name: system.name,
    provider: system.provider,
    prompt: system.promptFile ?? null,
    tools: system.toolsFile ?? null,
    params: system.params,
    baseUrl: system.baseUrl ?? null,
  };
}
