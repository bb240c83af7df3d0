import { ValueCounts } from '../stats/value-counts.js';
import { DecisionTally, type CostsAsWritten, type DecisionSummary } from './decision-tally.js';
import type { SlicesSummary } from './slice-summary.js';
import type { CheckSpec, ErrorInfo, ResultRecord } from '../types.js';

/** One system's numbers in a run. */
export interface SystemSummary {
  system: string;
  provider: string;
  /** Set when the system did not run (e.g. "set OPENAI_API_KEY"). */
  skipped?: string;
  results: number;
  pass: number;
  fail: number;
  error: number;
  /** pass / (pass + fail): errors are neither, and are counted apart. Null when nothing was scored. */
  passRate: number | null;
  inputTokens: number;
  outputTokens: number;
  /** Dollars spent (list prices or the suite's `price`); null when no price is known. */
  costUsd: number | null;
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
  retries: number;
  /** Retries by cause: how often the provider said 429, timed out, failed with 5xx... */
  retriesByKind: Partial<Record<ErrorInfo['kind'], number>>;
  cached: number;
  /** Cached answers not used because the server now reports another model (absent in older summaries). */
  cacheStale?: number;
  /** Cached answers served without a fresh answer to check the server's model against. */
  cacheUnverified?: number;
  /** Requests sent only to learn which model a base_url server serves now (their tokens and cost are in the totals). */
  probes?: number;
  errorsByKind: Partial<Record<ErrorInfo['kind'], number>>;
  /** Errors by cause (`HTTP 401 invalid api key`); absent in summaries written before it existed. */
  errorsByCause?: Record<string, number>;
  /** Checks tied to a yes/no label: the confusion matrix and its rates (absent when there are none, and in older summaries). */
  decisions?: DecisionSummary[];
  /** What the grader of `rubric` checks used on this system's outputs: kept apart from the system's own tokens and cost. */
  grader?: GraderUsage;
}

/** Grader requests sent (cached grades send none), their tokens, and their cost when the grader's price is known. */
interface GraderUsage {
  requests: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number | null;
  /** Rubrics whose grader people have not checked, and those whose agreement with people is below the suite's bar. */
  uncalibrated?: string[];
  belowBar?: string[];
}

/** summary.json: the run's numbers. */
export interface RunSummary {
  suite: string;
  runId: string;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  cases: number;
  repeat: number;
  checks: CheckSpec[];
  systems: SystemSummary[];
  /** False when the run was interrupted before every planned result was written. */
  complete: boolean;
  planned: number;
  /** The suite's `costs:` for decision errors, kept so a merge or a report prices them alike. */
  costs?: CostsAsWritten;
  /** Every number per slice (`slice_by:`), added when the run is assessed against its baseline. */
  slices?: SlicesSummary;
}

interface Tally {
  pass: number;
  fail: number;
  error: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number | null;
  latencies: ValueCounts;
  retries: number;
  /** Retries by cause: how often the provider said 429, timed out, failed with 5xx... */
  retriesByKind: Partial<Record<ErrorInfo['kind'], number>>;
  cached: number;
  cacheStale: number;
  cacheUnverified: number;
  probes: number;
  errorsByKind: Partial<Record<ErrorInfo['kind'], number>>;
  errorsByCause: Record<string, number>;
  decisions: DecisionTally;
  grader?: GraderUsage;
}

/**
/**
 * An error as a person reads its cause: the HTTP status and the provider's message (`HTTP 401 invalid
 * api key`), or its kind and message. Results with the same cause are counted together on screen.
 */
function errorCause(error: ErrorInfo): string {
  const message = error.message.split('\n')[0].trim();
  const short = message.length > 140 ? `${message.slice(0, 139)}…` : message;
  // Providers write `openai: HTTP 401: <type>: <message>`; the status is said once, first.
  const detail = short.replace(new RegExp(`^([\\w.-]+: )?(HTTP )?${error.status ?? '\\d{3}'}\\b:?\\s*`), '');
  return error.status ? `HTTP ${error.status} ${detail}` : `${error.kind}: ${short}`;
}

/**
 * Builds a summary from results one at a time, so a run never holds its records in memory: what it
 * keeps does not grow with the cases (latencies by value, decisions by pattern).
 */
export class SummaryBuilder {
  private readonly tallies = new Map<string, Tally>();

  /** `repeats`: results per case and system, so a case's decisions can be folded once all are in. */
  constructor(private readonly repeats?: number) {}

  add(record: ResultRecord): void {
    let tally = this.tallies.get(record.system);
    if (!tally) {
      tally = {
        pass: 0,
        fail: 0,
        error: 0,
        inputTokens: 0,
        outputTokens: 0,
        costUsd: null,
        latencies: new ValueCounts(),
        retries: 0,
        retriesByKind: {},
        cached: 0,
        cacheStale: 0,
        cacheUnverified: 0,
        probes: 0,
        errorsByKind: {},
        errorsByCause: {},
        decisions: new DecisionTally(this.repeats),
      };
      this.tallies.set(record.system, tally);
    }
    tally[record.status] += 1;
    tally.retries += record.retries ?? 0;
    for (const kind of record.retryKinds ?? []) tally.retriesByKind[kind] = (tally.retriesByKind[kind] ?? 0) + 1;
    if (record.cached) tally.cached += 1;
    if (record.cacheCheck === 'stale') tally.cacheStale += 1;
    if (record.cacheCheck === 'unverified') tally.cacheUnverified += 1;
    if (record.probe) {
      tally.probes += 1;
      tally.inputTokens += record.probe.inputTokens;
      tally.outputTokens += record.probe.outputTokens;
      if (record.probe.costUsd !== undefined) tally.costUsd = (tally.costUsd ?? 0) + record.probe.costUsd;
    }
    if (record.error) {
      tally.errorsByKind[record.error.kind] = (tally.errorsByKind[record.error.kind] ?? 0) + 1;
      const cause = errorCause(record.error);
      tally.errorsByCause[cause] = (tally.errorsByCause[cause] ?? 0) + 1;
    }
    tally.decisions.add(record);
    for (const grade of record.checks.flatMap((c) => (c.grade ? [c.grade] : []))) {
      const usage = (tally.grader ??= { requests: 0, inputTokens: 0, outputTokens: 0, costUsd: null });
      usage.requests += grade.requests;
      usage.inputTokens += grade.inputTokens;
      usage.outputTokens += grade.outputTokens;
      if (grade.costUsd !== undefined) usage.costUsd = (usage.costUsd ?? 0) + grade.costUsd;
      const flagged = grade.standing === 'not calibrated' ? 'uncalibrated' : grade.standing.belowBar ? 'belowBar' : undefined;
      if (flagged && !usage[flagged]?.includes(grade.rubric)) usage[flagged] = [...(usage[flagged] ?? []), grade.rubric];
    }
    if (record.output) {
      tally.inputTokens += record.output.usage?.inputTokens ?? 0;
      tally.outputTokens += record.output.usage?.outputTokens ?? 0;
      if (record.output.costUsd !== undefined) tally.costUsd = (tally.costUsd ?? 0) + record.output.costUsd;
      // Recorded (column:) outputs have no latency worth reporting.
      if (record.output.latencyMs > 0) tally.latencies.add(record.output.latencyMs);
    }
  }

  systemSummary(system: string, provider: string, skipped?: string, costs?: CostsAsWritten): SystemSummary {
    const t = this.tallies.get(system);
    const decisions = t?.decisions.summarize(costs) ?? [];
    const [p50, p95] = t?.latencies.size ? t.latencies.quantiles([0.5, 0.95]) : [null, null];
    const scored = (t?.pass ?? 0) + (t?.fail ?? 0);
    return {
      system,
      provider,
      ...(skipped ? { skipped } : {}),
      results: (t?.pass ?? 0) + (t?.fail ?? 0) + (t?.error ?? 0),
      pass: t?.pass ?? 0,
      fail: t?.fail ?? 0,
      error: t?.error ?? 0,
      passRate: scored ? (t?.pass ?? 0) / scored : null,
      inputTokens: t?.inputTokens ?? 0,
      outputTokens: t?.outputTokens ?? 0,
      costUsd: t?.costUsd ?? null,
      latencyP50Ms: p50,
      latencyP95Ms: p95,
      retries: t?.retries ?? 0,
      retriesByKind: t?.retriesByKind ?? {},
      cached: t?.cached ?? 0,
      ...(t?.cacheStale ? { cacheStale: t.cacheStale } : {}),
      ...(t?.cacheUnverified ? { cacheUnverified: t.cacheUnverified } : {}),
      ...(t?.probes ? { probes: t.probes } : {}),
      errorsByKind: t?.errorsByKind ?? {},
      errorsByCause: t?.errorsByCause ?? {},
      ...(decisions.length ? { decisions } : {}),
      ...(t?.grader ? { grader: t.grader } : {}),
    };
  }
}

export interface SummaryFrame {
  suite: string;
  runId: string;
  startedAt: Date;
  finishedAt: Date;
  cases: number;
  repeat: number;
  checks: CheckSpec[];
  systems: Array<{ name: string; provider: string }>;
  skipped: Array<{ system: string; provider: string; reason: string }>;
  written: number;
  planned: number;
  costs?: CostsAsWritten;
}

/** summary.json from the tallies and the run's frame; shared by a run, a resume and a merge. */
export function finishSummary(builder: SummaryBuilder, frame: SummaryFrame): RunSummary {
  return {
    suite: frame.suite,
    runId: frame.runId,
    startedAt: frame.startedAt.toISOString(),
    finishedAt: frame.finishedAt.toISOString(),
    durationMs: frame.finishedAt.getTime() - frame.startedAt.getTime(),
    cases: frame.cases,
    repeat: frame.repeat,
    checks: frame.checks,
    systems: [...frame.systems.map((s) => builder.systemSummary(s.name, s.provider, undefined, frame.costs)), ...frame.skipped.map((s) => builder.systemSummary(s.system, s.provider, s.reason))],
    complete: frame.written === frame.planned,
    planned: frame.planned,
    ...(frame.costs ? { costs: frame.costs } : {}),
  };
}
